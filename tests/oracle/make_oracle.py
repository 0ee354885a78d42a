"""Write the PHStatsMethods oracle tables that tests/test_intervals.py checks lybl.stats against.

Run from the repository root: .venv/bin/python -m tests.oracle.make_oracle
Inputs are random (fixed seed) and cover small, medium and England-sized counts; PHStatsMethods
0.1.16 (DHSC, on PyPI) computes the expected values. The CSVs are committed so that a reader can see
every expected number; rerun this script only when the oracle's version changes.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import PHStatsMethods as phs

HERE = Path(__file__).parent
SEED = 20261123
N = 2000


def proportions(rng) -> pd.DataFrame:
    denominator = np.concatenate([rng.integers(1, 50, N // 4), rng.integers(50, 5_000, N // 4),
                                  rng.integers(5_000, 60_000_000, N // 2)])
    count = np.floor(rng.random(N) * (denominator + 1)).astype(int)
    df = pd.DataFrame({"id": range(N), "count": count, "denominator": denominator})
    out = phs.ph_proportion(df, "count", "denominator", "id", metadata=False,
                            confidence=[0.95, 0.998], multiplier=100)
    return out.rename(columns=str.lower)


def rates(rng) -> pd.DataFrame:
    count = np.concatenate([rng.integers(1, 10, N // 4), rng.integers(10, 200, N // 4),
                            rng.integers(200, 2_000_000, N // 2)])
    denominator = count * rng.uniform(2, 5_000, N)
    df = pd.DataFrame({"id": range(N), "count": count, "denominator": denominator.round(1)})
    out = phs.ph_rate(df, "count", "denominator", "id", metadata=False,
                      confidence=[0.95, 0.998], multiplier=100_000)
    return out.rename(columns=str.lower)


def dsrs(rng) -> pd.DataFrame:
    areas, bands = 300, 19
    esp = phs.utils.euro_standard_pop()["euro_standard_pops"].to_numpy()
    size = rng.choice([30, 300, 3_000, 30_000], areas)
    pop = (rng.uniform(0.5, 1.5, (areas, bands)) * size[:, None]).round()
    risk = rng.uniform(0.0005, 0.02, bands)
    count = rng.poisson(pop * risk[None, :])
    df = pd.DataFrame({"id": np.repeat(np.arange(areas), bands), "band": np.tile(np.arange(bands), areas),
                       "count": count.ravel(), "population": pop.ravel(), "esp": np.tile(esp, areas)})
    df.to_csv(HERE / "dsr_inputs.csv", index=False)
    out = phs.ph_dsr(df, "count", "population", "esp", "id", metadata=False, confidence=[0.95, 0.998],
                     multiplier=100_000, euro_standard_pops=False)
    return out.rename(columns=str.lower)


def main() -> None:
    rng = np.random.default_rng(SEED)
    warnings.simplefilter("ignore")
    for name, fn in (("proportions", proportions), ("rates", rates), ("dsr", dsrs)):
        table = fn(rng)
        table.to_csv(HERE / f"{name}.csv", index=False, float_format="%.12g")
        print(f"{name}: {len(table)} rows, columns {list(table.columns)}")


if __name__ == "__main__":
    main()
