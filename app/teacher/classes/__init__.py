"""Classes: join codes, the roster, co-teachers, a learner's progress and the class's item analysis."""
