"""The wijkgezondheidsprofiel: build, rules, notes, peers, demand (cohort, prognosis), view."""
