"""The `debate` command: the group and `main` live here; each group of commands lives in its
own module, added to the group below (and nowhere else)."""

from __future__ import annotations

import sys

import click

from ..errors import RunStopped, UserError, UserErrors
from . import ballots, history, judges, motions, report, run, simulate, tui


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="debate-engine")
def cli() -> None:
    """Rank language models by how well they debate.

    \b
    debate run                 run the built-in demo league (offline house models)
    debate run league.yaml     run your league; resumes if its database exists
    debate standings DB        print the standings of a results database
    debate export DB -f json   export transcripts, ballots and standings
    debate report DB           one HTML page to publish: charts, tables, every debate
    debate judges DB           judge agreement, consistency and bias
    debate tui [LEAGUE|DB]     watch a tournament live, or study a finished one
    debate simulate --json     measure pairing and rating on synthetic debaters
    debate history DB          each debater's rating by round, model versions linked
    debate ballots import F DB people's ballots from a CSV or JSON file (export: out)
    """


for _command in (run.run, run.standings, run.export, report.report, judges.judges, history.history,
                 simulate.simulate, tui.tui, motions.motions, ballots.ballots):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="debate", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserErrors as exc:
        for err in exc.errors:
            click.echo(f"error: {err}", err=True)
        if exc.summary:
            click.echo(exc.summary, err=True)
        sys.exit(2)
    except UserError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except RunStopped as exc:
        click.echo(f"stopped: {exc.reason}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command to resume", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
