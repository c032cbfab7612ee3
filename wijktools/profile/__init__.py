"""The wijkgezondheidsprofiel: build, rules, notes, peers, demand, view."""
