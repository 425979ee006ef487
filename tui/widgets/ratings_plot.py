"""Each debater's mu over the rounds; the chosen ones get their mu ± sigma band."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from debate.domain.models import Rating

PALETTE = ["cyan", "magenta", "green", "yellow", "blue", "red", "orange", "gray"]


class RatingsPlot(PlotextPlot):
    def draw(self, ratings: dict[int, dict[str, Rating]], names: list[str], focus: str | None) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        rounds = sorted(ratings)
        if not rounds:
            plt.title("ratings appear when the first round completes")
            self.refresh()
            return
        plt.title("mu by round (± sigma band for the highlighted debater)")
        plt.xlabel("round")
        plt.xticks(rounds)
        for i, name in enumerate(names):
            xs = [r for r in rounds if name in ratings[r]]
            if not xs:
                continue
            mu = [ratings[r][name].mu for r in xs]
            color = PALETTE[i % len(PALETTE)]
            if name == focus:
                sigma = [ratings[r][name].sigma for r in xs]
                plt.plot(xs, [m + s for m, s in zip(mu, sigma)], color=color, marker="dot")
                plt.plot(xs, [m - s for m, s in zip(mu, sigma)], color=color, marker="dot")
                plt.plot(xs, mu, color=color, marker="hd", label=f"{name} ±σ")
            elif focus is None or len(names) <= 12:
                plt.plot(xs, mu, color=color, marker="braille", label=name)
        self.refresh()
