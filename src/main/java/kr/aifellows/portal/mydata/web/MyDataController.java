package kr.aifellows.portal.mydata.web;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.mydata.MyDataArchive;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@Controller
class MyDataController {

	private final MyDataArchive archive;

	MyDataController(MyDataArchive archive) {
		this.archive = archive;
	}

	@GetMapping("/account/my-data.zip")
	ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal PortalUser user) {
		long accountId = user.accountId();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("my-data.zip").build().toString())
			.body(output -> archive.write(accountId, output));
	}

}
