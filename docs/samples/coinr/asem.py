from pathlib import Path

import chiso

spec = chiso.Spec.from_toml(Path("examples/coinr/asem.toml").read_text(encoding="utf-8"))
scores = chiso.score(spec, "tests/coinr/asem_data.csv", unit_column="uCode", components=True)
print(scores.top(3))

# COINr: get_sensitivity(); here ±25 % on the weights and leaving one indicator out.
sens = chiso.sensitivity(
    spec,
    "tests/coinr/asem_data.csv",
    unit_column="uCode",
    inputs={"weights_pm": 25, "exclude_one": True},
    samples=100,
    seed=1,
)
overall = sens[sens["target"] == "mean_rank_shift"]
print(overall[["input", "first_order", "total_order"]].to_string(index=False))
# Per unit too; a unit whose rank never moves (DEU, GBR here) has no index: missing, not 0.
print(sens[sens["target"] == "DEU"]["first_order"].isna().all())
