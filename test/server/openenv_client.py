"""Runs one atlasgym episode with the unchanged openenv-core client (GenericEnvClient over /ws).

Usage: python openenv_client.py BASE_URL CALLS_JSON
CALLS_JSON is a list of [tool, arguments] pairs to step through before answering.
Prints one JSON line: the reset observation's task id, each step's status, the final reward and state.
"""

import json
import sys

from openenv.core.generic_client import GenericEnvClient


def main() -> None:
    base_url, calls = sys.argv[1], json.loads(sys.argv[2])
    out: dict[str, object] = {"statuses": []}
    with GenericEnvClient(base_url=base_url).sync() as env:
        reset = env.reset(scenario="jira-create-issue", split="train", difficulty=1, seed=3)
        out["taskId"] = reset.observation["taskId"]
        out["toolCount"] = len(reset.observation["tools"])
        for tool, arguments in calls:
            step = env.step({"tool": tool, "arguments": arguments})
            out["statuses"].append(step.observation.get("status"))  # type: ignore[union-attr]
            assert step.done is False
        final = env.step({"answer": "Done."})
        out["reward"] = final.reward
        out["done"] = final.done
        out["state"] = env.state()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
