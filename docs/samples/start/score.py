import chiso

scores = chiso.score(
    "pci", "examples/data/pci/pci_subindices.csv", unit_column="province", year=2018
)
print(scores.top(5))  # a table in Jupyter; full precision in .to_pandas()

df = scores.to_pandas()
nam_dinh = df.set_index("unit").loc["Nam Định"]
print(f"Nam Định: {nam_dinh['score']:.5f}, rank {int(nam_dinh['rank'])} of {len(df)}")
