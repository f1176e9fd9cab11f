/**
 * The place-order saga: its definition, its persisted state and history, the listener for
 * participants' replies, the sweeper that acts when a step's deadline passes, and the
 * saga's metrics.
 */
package com.example.orderflow.orchestrator.placeorder;
