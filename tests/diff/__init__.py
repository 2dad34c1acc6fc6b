"""Tests of the structural schema diff, the policy, the CI formats and the verdicts."""
