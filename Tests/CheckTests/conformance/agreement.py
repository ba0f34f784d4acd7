#!/usr/bin/env python3
"""Re-derive the `tensorflow` column of Fixtures/agreement.tsv with real protobuf.

Developer tool, not part of `swift test`: it needs `pip install grpcio-tools protobuf`.
It compiles Sources/Schema/Protos, parses every snippet with
google.protobuf.text_format.Merge (as the TF Object Detection API's config_util
does) and prints each row whose recorded verdict differs, then
"N passed, N failed". Exit status 0 when every recorded verdict holds.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PROTOS = os.path.join(ROOT, "Sources", "Schema", "Protos")
TABLE = os.path.join(HERE, "..", "Fixtures", "agreement.tsv")


def compile_protos(out):
    files = []
    for folder, _, names in os.walk(PROTOS):
        files += [os.path.join(folder, n) for n in names if n.endswith(".proto")]
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-I", PROTOS, "--python_out", out] + files,
                   check=True)
    sys.path.insert(0, out)


def main():
    with tempfile.TemporaryDirectory() as out:
        compile_protos(out)
        from google.protobuf import text_format
        from object_detection.protos import pipeline_pb2

        passed = failed = 0
        with open(TABLE, encoding="utf-8") as table:
            for number, line in enumerate(table, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                verdict, _, snippet = line.split("\t", 2)
                text = snippet.replace("\u00b6", "\n")
                try:
                    text_format.Merge(text, pipeline_pb2.TrainEvalPipelineConfig())
                    actual = "accept"
                except Exception:  # ParseError, and errors from decoding
                    actual = "reject"
                if actual == verdict:
                    passed += 1
                else:
                    failed += 1
                    print(f"line {number}: recorded {verdict}, protobuf says {actual}: {snippet}")
        print(f"{passed} passed, {failed} failed")
        return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
