/**
 * The drills' faults: what each one injects into the running local stack, for how long,
 * how it heals, and the evidence that it really happened.
 */
package com.example.orderflow.loadtest.chaos.fault;
