import chiso

p = chiso.profile(manifest="examples/profile/quang_ninh_2016.toml")
df = p.to_pandas()  # one row per index; in Jupyter, p displays as a table
print(df[["index", "source", "score", "rank", "out_of", "score_change", "rank_change"]].to_string(index=False))
