package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.in.CrmNotConfiguredException;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.domain.crm.CrmKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The configured CRM authorizations by kind. */
public final class CrmAuthorizations {
    private final Map<CrmKind, CrmAuthorization> byKind = new EnumMap<>(CrmKind.class);

    public CrmAuthorizations(List<CrmAuthorization> authorizations) {
        for (CrmAuthorization authorization : authorizations) {
            if (byKind.put(authorization.kind(), authorization) != null) {
                throw new IllegalArgumentException("two authorizations for " + authorization.kind());
            }
        }
    }

    public CrmAuthorization of(CrmKind kind) {
        CrmAuthorization authorization = byKind.get(kind);
        if (authorization == null) {
            throw new CrmNotConfiguredException(kind + " connections are not configured in this installation");
        }
        return authorization;
    }
}
