/**
 * What a chaos drill saw, second by second, and its report: Markdown and JSON for people
 * and tools, HTML with an inline SVG chart of throughput, refusals and latency around the
 * fault.
 */
package com.example.orderflow.loadtest.chaos.report;
