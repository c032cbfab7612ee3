"""CBS/RIVM open data: areas, codebook, sources, indicators, kern aggregation, fetching."""
