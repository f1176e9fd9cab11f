package com.example.orderflow.loadtest.chaos.fault;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * One service cut off from Kafka, as by a network partition: every byte between them
 * stops while both sides keep running, past the consumer's session timeout, so the group
 * drops the consumer and its transactions time out. Then the network heals.
 *
 * <p>
 * The cut needs a place in the path: before the load, the service is restarted with its
 * Kafka bootstrap on a TCP proxy (NetCrusher) in this process, which forwards to a
 * listener of the broker that advertises the proxy's address, so every connection the
 * client opens goes through it. After settling, the service goes back to Kafka directly.
 */
final class KafkaCut implements Fault {

	private final Stack stack;

	private final String service;

	private final InetSocketAddress proxy;

	private final InetSocketAddress proxied;

	private final AtomicBoolean routed = new AtomicBoolean();

	private final AtomicBoolean frozen = new AtomicBoolean();

	private volatile NioReactor reactor;

	private volatile TcpCrusher crusher;

	private volatile int connectionsCut;

	private volatile double cutSeconds;

	private volatile long logFrom;

	private volatile long logTo = Long.MAX_VALUE;

	/**
	 * @param proxy where the proxy listens: what the broker's proxied listener advertises
	 * @param proxied the broker's listener behind the proxy
	 */
	KafkaCut(Stack stack, String service, InetSocketAddress proxy, InetSocketAddress proxied) {
		this.stack = stack;
		this.service = service;
		this.proxy = proxy;
		this.proxied = proxied;
	}

	@Override
	public void prepare() throws Exception {
		this.reactor = new NioReactor();
		this.crusher = TcpCrusherBuilder.builder()
			.withReactor(this.reactor)
			.withBindAddress(this.proxy)
			.withConnectAddress(this.proxied)
			.buildAndOpen();
		this.routed.set(true);
		this.stack.stop(this.service);
		this.stack.up(Map.of("KAFKA_THROUGH_PROXY", this.service));
	}

	@Override
	public void run(Duration length, Timeline timeline) throws InterruptedException {
		this.logFrom = this.stack.logLength(this.service);
		this.connectionsCut = this.crusher.getClientTotalCount();
		timeline.mark(Kind.FAULT_ON, "cut " + this.service + " off from Kafka (" + this.connectionsCut
				+ " connections through the proxy frozen)");
		long from = System.nanoTime();
		this.frozen.set(true);
		this.crusher.freeze();
		Thread.sleep(length.toMillis());
		heal();
		this.cutSeconds = (System.nanoTime() - from) / 1e9;
		timeline.mark(Kind.FAULT_OFF, "network between " + this.service + " and Kafka healed");
	}

	@Override
	public void heal() {
		if (this.frozen.compareAndSet(true, false)) {
			this.crusher.unfreeze();
		}
	}

	@Override
	public void restore() {
		heal();
		if (this.routed.compareAndSet(true, false)) {
			this.logTo = this.stack.logLength(this.service);
			try {
				// stopped while the proxy still forwards, so that it leaves its group
				// cleanly
				this.stack.stop(this.service);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeProxy();
			}
			this.stack.up();
		}
	}

	private void closeProxy() {
		if (this.crusher != null) {
			this.crusher.close();
		}
		if (this.reactor != null) {
			try {
				this.reactor.close();
			}
			catch (RuntimeException ex) {
				// the proxy is closed already; a reactor that fails to stop holds nothing
			}
		}
	}

	@Override
	public Check tookEffect() {
		int dropped = this.stack.countInLog(this.service, this.logFrom, this.logTo, ServicePause.DROPPED);
		boolean effect = this.connectionsCut > 0 && this.cutSeconds > 0 && dropped > 0;
		return Check.of("fault: " + this.service + " cut off from Kafka past its session timeout", effect,
				"%d connections frozen for %.0f s; %s".formatted(this.connectionsCut, this.cutSeconds,
						(dropped > 0)
								? "the group had dropped its consumer (\"" + ServicePause.DROPPED + "\" in its log)"
								: "its consumer was NOT dropped from the group: cut it longer than the consumer's "
										+ "session.timeout.ms (--fault-for)"));
	}

}
