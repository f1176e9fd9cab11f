/**
 * The place-order saga: its definition, its persisted state and history, the listener for
 * participants' replies, and the sweeper that acts when a step's deadline passes.
 */
package com.example.orderflow.orchestrator.placeorder;
