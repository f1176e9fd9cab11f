package com.example.orderflow.webproblems;

import org.springframework.boot.SpringBootConfiguration;

/**
 * What the slice tests start from. It scans nothing, so each test imports the controller
 * and the advice it means to have next to the library's.
 */
@SpringBootConfiguration
class WebProblemsTestApplication {

}
