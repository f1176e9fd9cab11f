package com.example.orderflow.loadtest.chaos.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import com.example.orderflow.loadtest.chaos.report.Timeline.Mark;
import com.example.orderflow.loadtest.chaos.report.Timeline.Second;

/**
 * Three panels over one time axis: orders per second (posted and completed), the share of
 * posts refused, and latency p50 and p99 on a log scale (a fault moves it by orders of
 * magnitude). The fault's window is shaded; every mark is a numbered line, explained
 * under the chart. Plain SVG, so the report needs no script and no network.
 */
final class SvgChart {

	private static final int WIDTH = 960;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 55;

	/** Where the marks' numbers sit, above the first panel's title. */
	private static final int MARKS = 16;

	private static final int PANEL = 140;

	private static final int GAP = 45;

	private static final int HEIGHT = TOP + 3 * PANEL + 2 * GAP + 40;

	private final List<Second> seconds;

	private final List<Mark> marks;

	private final double span;

	private final StringBuilder svg = new StringBuilder();

	private SvgChart(List<Second> seconds, List<Mark> marks) {
		this.seconds = seconds;
		this.marks = marks;
		double end = seconds.size();
		for (Mark mark : marks) {
			end = Math.max(end, mark.at());
		}
		this.span = Math.max(1, Math.ceil(end));
	}

	static String render(List<Second> seconds, List<Mark> marks) {
		return new SvgChart(seconds, marks).draw();
	}

	private String draw() {
		this.svg.append(f(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		this.svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		faultWindows();
		double maxRate = 1;
		for (Second second : this.seconds) {
			maxRate = Math.max(maxRate, Math.max(second.posted(), second.completed()));
		}
		double rateTop = niceCeiling(maxRate);
		Function<Double, Double> rate = (value) -> linear(value, rateTop);
		panel(0, "orders/s: posted (grey), completed (blue)", List.of(0.0, rateTop / 2, rateTop), rate, "");
		series(0, (s) -> (double) s.posted(), rate, "#9e9e9e");
		series(0, (s) -> (double) s.completed(), rate, "#1565c0");
		Function<Double, Double> percent = (value) -> linear(value, 100);
		panel(1, "refused posts, % of posted (red)", List.of(0.0, 50.0, 100.0), percent, "%");
		series(1, Second::refusedPercent, percent, "#c62828");
		double maxLatency = 1000;
		for (Second second : this.seconds) {
			if (second.p99Millis() != null) {
				maxLatency = Math.max(maxLatency, second.p99Millis());
			}
		}
		double latencyTop = Math.pow(10, Math.ceil(Math.log10(maxLatency)));
		Function<Double, Double> latency = (value) -> logarithmic(value, latencyTop);
		List<Double> decades = new ArrayList<>();
		for (double decade = 10; decade <= latencyTop; decade *= 10) {
			decades.add(decade);
		}
		panel(2, "latency POST to outcome, ms, log scale: p50 (green), p99 (orange)", decades, latency, "");
		series(2, Second::p50Millis, latency, "#2e7d32");
		series(2, Second::p99Millis, latency, "#ef6c00");
		timeAxis();
		markLines();
		this.svg.append("</svg>\n");
		return this.svg.toString();
	}

	private void faultWindows() {
		Double on = null;
		for (Mark mark : this.marks) {
			if (mark.kind() == Kind.FAULT_ON && on == null) {
				on = mark.at();
			}
			else if (mark.kind() == Kind.FAULT_OFF && on != null) {
				shade(on, mark.at());
				on = null;
			}
		}
		if (on != null) {
			shade(on, this.span);
		}
	}

	private void shade(double from, double to) {
		this.svg.append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fdecea\"/>\n", x(from), TOP,
				Math.max(1, x(to) - x(from)), 3 * PANEL + 2 * GAP));
	}

	private void panel(int index, String title, List<Double> ticks, Function<Double, Double> scale, String unit) {
		int top = top(index);
		this.svg.append(f("<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", LEFT, top - 8, escape(title)));
		this.svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#bdbdbd\"/>\n",
				LEFT, top, WIDTH - LEFT - RIGHT, PANEL));
		for (double tick : ticks) {
			double y = top + scale.apply(tick);
			this.svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\"/>\n", LEFT, y,
					WIDTH - RIGHT, y));
			this.svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%s</text>\n", LEFT - 6, y + 4,
					label(tick), unit));
		}
	}

	private void series(int index, Function<Second, Double> value, Function<Double, Double> scale, String color) {
		int top = top(index);
		List<String> points = new ArrayList<>();
		for (Second second : this.seconds) {
			Double v = value.apply(second);
			if (v == null) {
				polyline(points, color);
				points = new ArrayList<>();
				continue;
			}
			points.add(f("%.1f,%.1f", x(second.second() + 0.5), top + scale.apply(v)));
		}
		polyline(points, color);
	}

	private void polyline(List<String> points, String color) {
		if (points.size() == 1) {
			String[] xy = points.getFirst().split(",");
			this.svg.append(f("<circle cx=\"%s\" cy=\"%s\" r=\"1.5\" fill=\"%s\"/>\n", xy[0], xy[1], color));
		}
		else if (points.size() > 1) {
			this.svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>\n", color,
					String.join(" ", points)));
		}
	}

	private void timeAxis() {
		int bottom = top(2) + PANEL;
		double step = 5;
		for (double candidate : new double[] { 5, 10, 15, 30, 60, 120, 300, 600 }) {
			step = candidate;
			if (this.span / candidate <= 12) {
				break;
			}
		}
		for (double t = 0; t <= this.span; t += step) {
			this.svg.append(
					f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>\n", x(t), bottom + 16, label(t)));
		}
		this.svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">seconds since the load started</text>\n",
				WIDTH - RIGHT, bottom + 32));
	}

	private void markLines() {
		int number = 1;
		for (Mark mark : this.marks) {
			String color = switch (mark.kind()) {
				case FAULT_ON -> "#c62828";
				case FAULT_OFF -> "#2e7d32";
				case NOTE -> "#757575";
			};
			String dash = (mark.kind() == Kind.NOTE) ? " stroke-dasharray=\"3,3\"" : "";
			double x = x(mark.at());
			this.svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"%s/>\n", x, MARKS + 14, x,
					top(2) + PANEL, color, dash));
			this.svg
				.append(f("<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\"><title>%s</title>%d</text>\n",
						x, MARKS + 12 * ((number - 1) % 2) - 2, color, escape(mark.label()), number));
			number++;
		}
	}

	private double x(double seconds) {
		return LEFT + seconds / this.span * (WIDTH - LEFT - RIGHT);
	}

	private static int top(int index) {
		return TOP + index * (PANEL + GAP);
	}

	/** Offset from the panel's top. */
	private static double linear(double value, double max) {
		return PANEL - Math.min(value, max) / max * PANEL;
	}

	private static double logarithmic(double value, double max) {
		double low = Math.log10(10);
		double clamped = Math.max(10, Math.min(value, max));
		return PANEL - (Math.log10(clamped) - low) / (Math.log10(max) - low) * PANEL;
	}

	/** 1, 2 or 5 times a power of ten, at least the value. */
	static double niceCeiling(double value) {
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= value) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static String label(double value) {
		if (value >= 1000 && value % 1000 == 0) {
			return (long) value / 1000 + "k";
		}
		return (value == Math.rint(value)) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

	/** Decimal points, whatever the machine's locale: SVG reads no commas. */
	private static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
