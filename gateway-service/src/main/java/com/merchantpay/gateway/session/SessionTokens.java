package com.merchantpay.gateway.session;

import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The gateway's own login token: a compact JWS (HS256) naming the openid ({@code sub}) and an
 * expiry. Stateless, so any instance verifies any token. Issuing is deterministic for the same
 * openid and instant, which is what lets a retried login code get the identical token.
 */
@Component
public class SessionTokens {

    private static final String BEARER = "Bearer ";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final TokenProperties properties;
    private final Clock clock;

    public SessionTokens(GatewayKeys keys, TokenProperties properties, Clock clock) {
        try {
            this.signer = new MACSigner(keys.tokenKey());
            this.verifier = new MACVerifier(keys.tokenKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("token key rejected: " + e.getClass().getSimpleName(), e);
        }
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for the openid, valid for the configured ttl from now. */
    public IssuedToken issue(String openId) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(properties.ttl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(openId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName(), e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }

    /**
     * The openid of a valid {@code Authorization: Bearer <token>} header, or an {@link ApiProblem}:
     * TOKEN_MISSING, TOKEN_INVALID (bad signature, wrong algorithm or issuer, garbage) or TOKEN_EXPIRED.
     */
    public String openIdOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiProblem.of(ProblemCode.TOKEN_MISSING, "No bearer token");
        }
        JWTClaimsSet claims = verifiedClaims(authorization.substring(BEARER.length()).trim());
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
            throw ApiProblem.of(ProblemCode.TOKEN_EXPIRED, "The token expired at " + (expiry == null ? "?" : expiry.toInstant()));
        }
        return claims.getSubject();
    }

    private JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            boolean valid = JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (valid && properties.issuer().equals(claims.getIssuer()) && claims.getSubject() != null) {
                return claims;
            }
        } catch (ParseException | JOSEException | IllegalStateException e) {
            // falls through: the client learns only that the token is not valid
        }
        throw ApiProblem.of(ProblemCode.TOKEN_INVALID, "The token is not one this gateway issued");
    }

    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[token=***, expiresAt=" + expiresAt + "]";
        }
    }
}
