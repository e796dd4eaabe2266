"""results.json, results.md (one Markdown table: every figure for both sides and a ratio) and results.png (bars per
workload, ours vs peer, median with min..max whiskers)."""
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend


def figure(value):
    """'median (min..max)' of a summary, or the number itself."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return f"{number(value['median'])} ({number(value['min'])}..{number(value['max'])})"
    return number(value)


def number(value):
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ordered(rows):
    """In the order of the workloads' numbers (1. .. 5.), whatever order they ran in."""
    return sorted(rows, key=lambda row: row["group"].split(" ")[0])


def write_json(results, path):
    with open(path, "w") as f:
        json.dump(results, f, indent=2)


def markdown(results):
    settings = results["settings"]
    lines = [f"# Benchmark: ours vs Postfix + Dovecot, same machine, same run",
             "",
             f"{results['started']}; {results['machine']}; archive `{settings['archive']}`; "
             f"BENCH_MESSAGES={settings['messages']}, BENCH_RUNS={settings['runs']}, "
             f"BENCH_SCALE_USERS={settings['scale_users']}, BENCH_SCALE_MESSAGES={settings['scale_messages']}, "
             f"BENCH_DENY_ENTRIES={settings['deny_entries']}, BENCH_LIST_SIZES={settings['list_sizes']}, "
             f"BENCH_FEATURE_LIST_MEMBERS={settings['feature_list_members']}. Each figure: median (min..max) of "
             f"{settings['runs']} runs after one warm-up run that is not counted (memory: read once, at the end). "
             f"Load clients run on the same cores as the servers. Load average (1, 5, 15 min) at the start "
             f"{results['load_average_start']}, at the end {results.get('load_average_end')}: anything else running "
             f"on the machine shows in the figures.",
             "",
             "| workload | figure | ours | Postfix + Dovecot | ratio |",
             "|---|---|---|---|---|"]
    for row in ordered(results["rows"]):
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.2f} ({row['ratio_label']})"
        lines.append(f"| {row['group']} | {row['text']} | {figure(row['ours'])} | {figure(row['peer'])} | {ratio} |")
    if results.get("notes"):
        lines += ["", "Notes:", ""] + [f"- {note}" for note in results["notes"]]
    if results.get("failures"):
        lines += ["", "FAILED workloads:", ""] + [f"- {name}: {reason}" for name, reason in results["failures"].items()]
    lines.append(f"\nTotal time {results['elapsed_s'] / 60:.1f} min.")
    return "\n".join(lines) + "\n"


def write_markdown(results, path):
    text = markdown(results)
    with open(path, "w") as f:
        f.write(text)
    return text


def write_png(results, path):
    groups = []
    for row in ordered(results["rows"]):
        if row["chart"]:
            if not groups or groups[-1][0] != row["group"]:
                groups.append((row["group"], []))
            groups[-1][1].append(row)
    if not groups:
        return
    columns = 2
    lines = (len(groups) + columns - 1) // columns
    fig, axes = plt.subplots(lines, columns, figsize=(15, 4.2 * lines), squeeze=False)
    for index, (group, rows) in enumerate(groups):
        axis = axes[index // columns][index % columns]
        width = 0.38
        for position, row in enumerate(rows):
            for offset, side, color, label in ((-width / 2, "ours", "#d1495b", "ours"),
                                               (width / 2, "peer", "#00798c", "Postfix + Dovecot")):
                value = row[side]
                if value is None:
                    continue
                median = value["median"] if isinstance(value, dict) else value
                low = median - value["min"] if isinstance(value, dict) else 0
                high = value["max"] - median if isinstance(value, dict) else 0
                x = position + (offset if row["peer"] is not None else 0)
                axis.bar(x, median, width, color=color, label=label if position == 0 or row["peer"] is None else None,
                         yerr=[[low], [high]], capsize=3)
                axis.annotate(number(median), (x, median), ha="center", va="bottom", fontsize=8,
                              xytext=(0, 2), textcoords="offset points")
        axis.set_xticks(range(len(rows)))
        axis.set_xticklabels([row["chart_label"] + ("" if row["ratio"] is None else
                                                    f"\n{row['ratio_label']} {row['ratio']:.2f}") for row in rows],
                             fontsize=8)
        medians = [value["median"] if isinstance(value, dict) else value
                   for row in rows for value in (row["ours"], row["peer"]) if value]
        if medians and min(medians) > 0 and max(medians) / min(medians) > 30:
            axis.set_yscale("log")
            axis.set_title(f"{group}\n({rows[0]['unit']}; log scale)", fontsize=9)
        if axis.get_yscale() != "log":
            axis.set_title(f"{group}\n({rows[0]['unit']})", fontsize=9)
        handles, labels = axis.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        axis.legend(unique.values(), unique.keys(), fontsize=8)
        axis.margins(y=0.15)
    for index in range(len(groups), lines * columns):
        axes[index // columns][index % columns].axis("off")
    fig.suptitle(f"ours vs Postfix + Dovecot — {results['started']} — median, whiskers min..max", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)
    plt.close(fig)
