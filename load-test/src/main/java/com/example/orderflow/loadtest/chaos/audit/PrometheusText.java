package com.example.orderflow.loadtest.chaos.audit;

/**
 * Sums of samples in Prometheus's text exposition format, which is all the audit needs
 * from {@code /actuator/prometheus}: every series of one metric added up.
 */
public final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * @return the sum over every series of the metric, 0 when it has none (a counter that
	 * never moved may not be exposed at all), NaN when a series is NaN (a gauge that
	 * could not be read yet)
	 */
	public static double sum(String exposition, String metric) {
		double sum = 0;
		for (String line : exposition.split("\n")) {
			if (line.startsWith("#") || !line.startsWith(metric)) {
				continue;
			}
			char next = (line.length() > metric.length()) ? line.charAt(metric.length()) : '?';
			if (next != '{' && next != ' ') {
				continue;
			}
			String[] fields = line.substring(valueStart(line, metric)).trim().split(" ");
			sum += Double.parseDouble(fields[0]);
		}
		return sum;
	}

	/** After the labels, whose values may contain spaces. */
	private static int valueStart(String line, String metric) {
		if (line.charAt(metric.length()) == '{') {
			return line.lastIndexOf('}') + 1;
		}
		return metric.length();
	}

}
