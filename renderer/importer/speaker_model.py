"""One scoring step for the speaker evidence: a logistic model whose weights are data.

The weights live in `renderer/data/speaker_weights.json`. They are fitted, not written by
hand: `python -m bench.import_general --fit` fits them on the corpus of real transcripts and
our own fixtures (labelled in `bench/import_truth.yaml`), and the same bench checks them
leave-one-out, so a weight that only helps the file it came from shows up there.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ArticleError
from .speaker_evidence import FEATURES

ACCEPT = 0.5  # a label at least this likely to name a speaker is one
DOUBT = 0.2  # between DOUBT and 1 - DOUBT a decision is reported as one to check
_L2 = 0.1  # ridge penalty of the fit: keeps weights small where the data say little


@dataclass(frozen=True)
class SpeakerModel:
    """Weights per feature and a bias: p(speaker) = σ(bias + Σ wᵢ·xᵢ)."""

    weights: Mapping[str, float]
    bias: float

    def score(self, features: Mapping[str, float]) -> float:
        """The log-odds that a candidate with these features is a speaker."""
        return self.bias + sum(self.weights.get(name, 0.0) * value
                               for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that a candidate with these features is a speaker."""
        return _sigmoid(self.score(features))

    def evidence(self, features: Mapping[str, float], top: int = 4) -> list[str]:
        """The features that moved the decision most, as `name +1.2` (log-odds)."""
        parts = sorted(((self.weights.get(k, 0.0) * v, k) for k, v in features.items() if v),
                       key=lambda item: -abs(item[0]))
        return [f"{name} {weight:+.1f}" for weight, name in parts[:top] if abs(weight) >= 0.05]

    def to_json(self) -> str:
        """The model as the JSON the package ships."""
        data = {"bias": round(self.bias, 4),
                "weights": {k: round(self.weights.get(k, 0.0), 4) for k in FEATURES}}
        return json.dumps(data, indent=2) + "\n"


def load_model(path: Path | None = None) -> SpeakerModel:
    """The shipped weights, or those in `path` (a JSON file written by the fit)."""
    try:
        text = (path.read_text(encoding="utf-8") if path is not None else
                (resources.files("renderer") / "data" / "speaker_weights.json")
                .read_text(encoding="utf-8"))
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return SpeakerModel(weights, float(data["bias"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        where = path or "the package's speaker_weights.json"
        raise ArticleError(f"{where}: not a speaker model ({exc})") from None


def fit(samples: Sequence[tuple[Mapping[str, float], bool, float]],
        l2: float = _L2) -> SpeakerModel:
    """Weights that best separate speakers from other labels (weighted, ridge-penalised).

    `samples`: (features, is a speaker, weight) — each document's candidates share a weight
    of one, so a long document with many labels does not outvote the others.
    """
    import numpy as np
    from scipy.optimize import minimize

    x = np.array([[s[0].get(k, 0.0) for k in FEATURES] for s in samples], dtype=float)
    y = np.array([1.0 if s[1] else 0.0 for s in samples])
    w = np.array([s[2] for s in samples], dtype=float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + x @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        value += l2 * float(theta[1:] @ theta[1:])
        grad = np.concatenate([[np.sum(w * (p - y))], x.T @ (w * (p - y)) + 2 * l2 * theta[1:]])
        return float(value), grad

    result = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B")
    theta = result.x
    return SpeakerModel(dict(zip(FEATURES, (float(v) for v in theta[1:]), strict=True)),
                        float(theta[0]))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
