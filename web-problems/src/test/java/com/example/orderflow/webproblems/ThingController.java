package com.example.orderflow.webproblems;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's controller as far as the tests need one: each request asks {@link Things},
 * which the tests make fail.
 */
@RestController
class ThingController {

	private final Things things;

	ThingController(Things things) {
		this.things = things;
	}

	@GetMapping("/things/{id}")
	String thing(@PathVariable String id) {
		return this.things.find(id);
	}

	@GetMapping("/things")
	String search(@RequestParam String name) {
		return this.things.find(name);
	}

	@PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
	String add(@RequestBody String thing) {
		return this.things.find(thing);
	}

	static class Things {

		String find(String id) {
			return id;
		}

	}

	/** A domain failure the service's own advice answers. */
	static class ThingLockedException extends RuntimeException {

		ThingLockedException(String message) {
			super(message);
		}

	}

}
