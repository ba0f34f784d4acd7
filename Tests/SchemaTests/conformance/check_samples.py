#!/usr/bin/env python3
"""Parse a corpus of pipeline configs / label maps with pipec's schema protos.

Developer tool, not part of `swift test`.

It compiles Sources/Schema/Protos with grpc_tools.protoc into a temporary
directory, then parses every file under the corpus directory given on the
command line the same way the TF Object Detection API does
(google.protobuf.text_format.Merge):

  *.pbtxt                  -> object_detection.protos.StringIntLabelMap
  *.config, *.config.txt   -> object_detection.protos.TrainEvalPipelineConfig

Other files (READMEs, manifests, scripts) are ignored.

One line is printed per file, then a final "N passed, N failed" line.
The exit status is 0 only when every file parses.

Requirements: pip install grpcio-tools protobuf

Usage:
  python3 Tests/SchemaTests/conformance/check_samples.py CORPUS_DIR [...]
"""

import argparse
import glob
import importlib
import os
import sys
import tempfile

REPO_ROOT = os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTO_ROOT = os.path.join(REPO_ROOT, "Sources", "Schema", "Protos")
LABEL_MAP_SUFFIXES = (".pbtxt",)
PIPELINE_SUFFIXES = (".config", ".config.txt")


def compile_protos(out_dir):
    """Runs protoc on every schema file; returns nothing, raises on error."""
    from grpc_tools import protoc
    import grpc_tools

    protos = sorted(glob.glob(os.path.join(
        PROTO_ROOT, "object_detection", "protos", "*.proto")))
    if not protos:
        raise SystemExit("no .proto files found under %s" % PROTO_ROOT)
    # The well-known types shipped with grpc_tools, in case a schema file
    # ever imports one of them.
    builtin = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", "-I", PROTO_ROOT, "-I", builtin,
            "--python_out=" + out_dir] + protos
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed on %s" % PROTO_ROOT)
    # Make the generated tree importable as a package.
    for dirpath, _, _ in os.walk(out_dir):
        init = os.path.join(dirpath, "__init__.py")
        if not os.path.exists(init):
            open(init, "w").close()


def corpus_files(roots):
    for root in roots:
        if os.path.isfile(root):
            yield root
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                if name.endswith(LABEL_MAP_SUFFIXES + PIPELINE_SUFFIXES):
                    yield os.path.join(dirpath, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+",
                        help="corpus directories (searched recursively) or files")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only failures and the summary line")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pipec-protos-") as out_dir:
        compile_protos(out_dir)
        sys.path.insert(0, out_dir)
        from google.protobuf import text_format
        pipeline_pb2 = importlib.import_module(
            "object_detection.protos.pipeline_pb2")
        label_map_pb2 = importlib.import_module(
            "object_detection.protos.string_int_label_map_pb2")

        passed = failed = 0
        for path in corpus_files(opts.corpus):
            if path.endswith(LABEL_MAP_SUFFIXES):
                message = label_map_pb2.StringIntLabelMap()
            else:
                message = pipeline_pb2.TrainEvalPipelineConfig()
            try:
                with open(path, "r", encoding="utf-8") as handle:
                    text_format.Merge(handle.read(), message)
            except Exception as error:  # noqa: BLE001 - report every failure
                failed += 1
                detail = str(error).replace("\n", " ")
                print("FAIL %s: %s" % (path, detail))
            else:
                passed += 1
                if not opts.quiet:
                    print("ok   %s (%s)" % (path, type(message).__name__))
        print("%d passed, %d failed" % (passed, failed))
        return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
