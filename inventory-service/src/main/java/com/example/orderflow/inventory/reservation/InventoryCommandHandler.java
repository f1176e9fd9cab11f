package com.example.orderflow.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.inventory.reservation.Allocation.Granted;
import com.example.orderflow.inventory.reservation.Allocation.Refused;
import com.example.orderflow.inventory.stock.Product;
import com.example.orderflow.inventory.stock.ProductRepository;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.TransactionalConsumer;
import com.example.orderflow.messaging.UnexpectedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies the orchestrator's inventory commands. Each runs in the transaction of its
 * Kafka batch (see {@link TransactionalConsumer}), and its reply goes through the outbox
 * in that same transaction.
 *
 * <p>
 * The orchestrator re-sends a command with a new message id when a reply is late, so the
 * inbox alone cannot catch repeats: every command looks at the reservation first and, if
 * it was applied already, only answers again. A batch locks its reservation rows before
 * any product row, and products in sku order, so concurrent handlers queue instead of
 * deadlocking; what the commands change is written set-based at the commit (see
 * {@link ReservationRepository} and {@link ProductRepository}).
 */
@Component
class InventoryCommandHandler {

	private static final Logger log = LoggerFactory.getLogger(InventoryCommandHandler.class);

	private final TransactionalConsumer consumer;

	private final ReservationRepository reservations;

	private final ProductRepository products;

	private final Outbox outbox;

	InventoryCommandHandler(TransactionalConsumer consumer, ReservationRepository reservations,
			ProductRepository products, Outbox outbox) {
		this.consumer = consumer;
		this.reservations = reservations;
		this.products = products;
		this.outbox = outbox;
	}

	@KafkaListener(topics = Topics.INVENTORY_COMMANDS, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.consumer.consume(records, this::lockAll, this::handle);
	}

	/**
	 * Locks, with one statement each, the reservations of all the batch's orders, then
	 * every product they or the batch's new reservations need, so the commands that
	 * follow work in memory and their writes go to the database together at the commit.
	 */
	void lockAll(List<SagaMessage> messages) {
		List<Reservation> existing = this.reservations.lockAll(messages.stream().map(SagaMessage::orderId).toList());
		Set<String> skus = new TreeSet<>();
		existing.forEach((reservation) -> reservation.lines().forEach((line) -> skus.add(line.sku())));
		for (SagaMessage message : messages) {
			if (message instanceof ReserveStock reserve) {
				reserve.items().forEach((item) -> skus.add(item.sku()));
			}
		}
		if (!skus.isEmpty()) {
			this.products.lockAll(skus);
		}
	}

	void handle(SagaMessage message) {
		switch (message) {
			case ReserveStock command -> reserve(command);
			case ConfirmReservation command -> confirm(command);
			case ReleaseStock command -> release(command);
			default -> throw new UnexpectedMessageException(message);
		}
	}

	private void reserve(ReserveStock command) {
		Reservation existing = this.reservations.findForUpdate(command.orderId()).orElse(null);
		if (existing != null) {
			answerAgain(command, existing);
			return;
		}
		SortedMap<String, Long> requested = Allocation.merge(command.items());
		Map<String, Product> locked = this.products.lockAll(requested.keySet())
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
		switch (Allocation.decide(command.currency(), requested, locked)) {
			case Granted granted -> {
				granted.lines().forEach((line) -> this.products.reserve(line.sku(), line.quantity()));
				this.reservations.insert(
						Reservation.reserved(command.orderId(), command.sagaId(), granted.lines(), granted.total()));
				reply(new StockReserved(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now(),
						granted.lines(), granted.total()));
			}
			case Refused refused -> {
				this.reservations.insert(Reservation.rejected(command.orderId(), command.sagaId(), command.currency(),
						refused.reason()));
				reply(new StockRejected(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now(),
						refused.reason(), refused.detail()));
			}
		}
	}

	private void answerAgain(ReserveStock command, Reservation reservation) {
		switch (reservation.status()) {
			case RESERVED, CONFIRMED -> reply(new StockReserved(UUID.randomUUID(), command.sagaId(), command.orderId(),
					Instant.now(), reservation.lines(), reservation.totalMoney()));
			// The detail of the first rejection is not kept; the reason is what the saga
			// acts on.
			case REJECTED -> reply(new StockRejected(UUID.randomUUID(), command.sagaId(), command.orderId(),
					Instant.now(), reservation.reason(), null));
			// The saga has compensated already (possibly before this request arrived);
			// reserving now would hold stock that nobody ever releases.
			case RELEASED ->
				log.info("Not reserving stock for order {}: a release already came for it", command.orderId());
		}
	}

	private void confirm(ConfirmReservation command) {
		Reservation reservation = this.reservations.findForUpdate(command.orderId())
			.orElseThrow(() -> cannotConfirm(command, "MISSING"));
		switch (reservation.status()) {
			case RESERVED -> {
				reservation.lines().forEach((line) -> this.products.takeReserved(line.sku(), line.quantity()));
				this.reservations.changeStatus(command.orderId(), ReservationStatus.CONFIRMED);
			}
			case CONFIRMED -> log.debug("Reservation of order {} is confirmed already", command.orderId());
			// The orchestrator only confirms what was reserved: this is a bug or a
			// message from another saga, to be looked at on the dead-letter topic.
			case REJECTED, RELEASED -> throw cannotConfirm(command, reservation.status().name());
		}
		reply(new ReservationConfirmed(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now()));
	}

	/** Compensation: it must always succeed, whatever happened to the order before. */
	private void release(ReleaseStock command) {
		Reservation reservation = this.reservations.findForUpdate(command.orderId()).orElse(null);
		if (reservation == null) {
			this.reservations.insert(Reservation.tombstone(command.orderId(), command.sagaId()));
		}
		else {
			switch (reservation.status()) {
				case RESERVED -> {
					reservation.lines().forEach((line) -> this.products.unreserve(line.sku(), line.quantity()));
					this.reservations.changeStatus(command.orderId(), ReservationStatus.RELEASED);
				}
				case CONFIRMED -> {
					reservation.lines().forEach((line) -> this.products.putBack(line.sku(), line.quantity()));
					this.reservations.changeStatus(command.orderId(), ReservationStatus.RELEASED);
				}
				case REJECTED, RELEASED ->
					log.debug("Nothing to release for order {} ({})", command.orderId(), reservation.status());
			}
		}
		reply(new StockReleased(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now()));
	}

	private void reply(InventoryEvent event) {
		this.outbox.add(Topics.INVENTORY_EVENTS, event);
	}

	private static IllegalStateException cannotConfirm(ConfirmReservation command, String state) {
		return new IllegalStateException(
				"cannot confirm reservation of order " + command.orderId() + " in state " + state);
	}

}
