"""CBS/RIVM open data: areas, codebook, indicators, kern aggregation, fetching."""
