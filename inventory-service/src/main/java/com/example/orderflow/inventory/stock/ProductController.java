package com.example.orderflow.inventory.stock;

import java.util.List;

import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.servicesecurity.Roles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Anyone signed in browses the catalogue; only operators change it. */
@RestController
@RequestMapping("/products")
class ProductController {

	private final ProductRepository products;

	private final ProductCatalog catalog;

	ProductController(ProductRepository products, ProductCatalog catalog) {
		this.products = products;
		this.catalog = catalog;
	}

	@GetMapping
	List<ProductResponse> list() {
		return this.products.findAll().stream().map(ProductResponse::of).toList();
	}

	@GetMapping("/{sku}")
	ProductResponse get(
			@PathVariable @Pattern(regexp = OrderItem.SKU_PATTERN, message = OrderItem.SKU_RULE) String sku) {
		return this.products.find(sku).map(ProductResponse::of).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	/**
	 * Idempotent: the body is the product's whole state, so a retried PUT is harmless.
	 */
	@PutMapping("/{sku}")
	@PreAuthorize(Roles.OPERATOR_ONLY)
	@Operation(description = "Operators only.")
	ResponseEntity<ProductResponse> put(
			@PathVariable @Pattern(regexp = OrderItem.SKU_PATTERN, message = OrderItem.SKU_RULE) String sku,
			@Valid @RequestBody ProductRequest request) {
		ProductCatalog.Saved saved = this.catalog.save(sku, request);
		ProductResponse body = ProductResponse.of(saved.product());
		if (saved.created()) {
			return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri()).body(body);
		}
		return ResponseEntity.ok(body);
	}

}
