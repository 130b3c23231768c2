package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.wechat.LoginCode;
import com.merchantpay.sandbox.wechat.LoginCodes;
import com.merchantpay.sandbox.wechat.WeChatUsers;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stand-in for {@code wx.login} (mint a code for an openid) and WeChat's risk list. */
@RestController
@RequestMapping("/sandbox/wechat")
class WeChatController {

    private final LoginCodes codes;
    private final WeChatUsers users;

    WeChatController(LoginCodes codes, WeChatUsers users) {
        this.codes = codes;
        this.users = users;
    }

    @PostMapping("/codes")
    ResponseEntity<?> mint(@RequestBody MintRequest request) {
        if (request.openid() == null || request.openid().isBlank()) {
            return ResponseEntity.badRequest().body(new ControlError("openid is required"));
        }
        LoginCode code = codes.mint(request.openid(), request.unionid(), request.appid());
        return ResponseEntity.ok(new MintedCode(code.code(), code.openId(), code.appId(), code.expiresAt()));
    }

    @PutMapping("/blocked/{openid}")
    Map<String, Set<String>> block(@PathVariable String openid) {
        users.block(openid);
        return Map.of("blocked", users.blocked());
    }

    @DeleteMapping("/blocked/{openid}")
    Map<String, Set<String>> unblock(@PathVariable String openid) {
        users.unblock(openid);
        return Map.of("blocked", users.blocked());
    }

    @GetMapping("/blocked")
    Map<String, Set<String>> blocked() {
        return Map.of("blocked", users.blocked());
    }

    /** @param appid optional; defaults to the configured Mini Program appid (another one makes the code 40029) */
    record MintRequest(String openid, String unionid, String appid) {
    }

    record MintedCode(String code, String openid, String appid, Instant expiresAt) {
    }
}
