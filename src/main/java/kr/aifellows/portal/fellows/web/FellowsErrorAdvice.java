package kr.aifellows.portal.fellows.web;

import kr.aifellows.portal.fellows.FellowsException;
import kr.aifellows.portal.gpu.JobNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Another fellow's job (or one that does not exist) is simply not found.
 */
@ControllerAdvice(
		assignableTypes = { FellowJobsController.class, GpuAdminController.class, GpuFellowAdminController.class })
class FellowsErrorAdvice {

	@ExceptionHandler(JobNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String jobNotFound() {
		return "error/404";
	}

	@ExceptionHandler(FellowsException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(FellowsException ex) {
		if (!ex.code().endsWith("notFound")) {
			throw ex;
		}
		return "error/404";
	}

}
