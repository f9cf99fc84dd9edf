"""PAPI 2019: the four groups of provinces and the dimension scores behind them."""

import chiso

papi = chiso.preset("papi")
scores = chiso.score(
    papi,
    "examples/data/papi/papi_dimensions.csv",
    unit_column="province",
    year=2019,
    components=True,  # every dimension's score and rank too
)
df = scores.to_pandas()

# The published split of 2019: 16 / 16 / 15 / 16 provinces.
groups = ["Best performers", "High average performers", "Low average performers", "Poor performers"]
print(df["tier_en"].value_counts().reindex(groups).to_string())

# Quảng Ninh's participation = the sum of its four sub-dimensions, as published (5.53).
row = df.set_index("unit").loc["Quảng Ninh"]
print(
    f"Quảng Ninh 2019: total {row['score']:.2f}, rank {int(row['rank'])}, "
    f"participation {row['participation']:.2f}"
)
