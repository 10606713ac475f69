package io.toneguard.sip;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches jain-sip events: new INVITEs become call sessions, in-dialog requests and responses
 * go to their session. Any failure answers that request with an error and touches nothing else.
 */
final class B2buaListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(B2buaListener.class);
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, PRACK";

    private final SipB2bua b2bua;

    B2buaListener(SipB2bua b2bua) {
        this.b2bua = b2bua;
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request r = e.getRequest();
        String method = r.getMethod();
        try {
            if (Request.CANCEL.equals(method)) {
                cancel(e);
                return;
            }
            boolean inDialog = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null;
            if (Request.ACK.equals(method)) {
                if (e.getDialog() != null && e.getDialog().getApplicationData() instanceof LocalCall) {
                    return; // answered here: nothing waits for the ACK
                }
                CallSession s = sessionOf(e.getDialog());
                if (s != null) {
                    s.ack(e.getDialog(), r);
                }
                return;
            }
            if (!isKnown(method) && !Request.INVITE.equals(method) && !Request.OPTIONS.equals(method)) {
                // stateless: some methods (PUBLISH, SUBSCRIBE) need headers a transaction would insist on
                Response resp = b2bua.messages.createResponse(Response.METHOD_NOT_ALLOWED, r);
                resp.addHeader(allow());
                b2bua.provider.sendResponse(resp);
                return;
            }
            ServerTransaction st = e.getServerTransaction();
            if (st == null) {
                try {
                    st = b2bua.provider.getNewServerTransaction(r);
                } catch (TransactionAlreadyExistsException retransmission) {
                    return;
                }
            }
            if (Request.OPTIONS.equals(method)) {
                Response ok = b2bua.messages.createResponse(Response.OK, r);
                ok.addHeader(allow());
                st.sendResponse(ok);
                return;
            }
            if (!inDialog) {
                if (Request.INVITE.equals(method)) {
                    CallSession.begin(b2bua, st, r);
                } else if (isKnown(method)) {
                    respond(st, r, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such call");
                } else {
                    methodNotAllowed(st, r);
                }
                return;
            }
            Dialog dialog = e.getDialog() != null ? e.getDialog() : st.getDialog();
            if (dialog != null && dialog.getApplicationData() instanceof LocalCall local) {
                local.request(st, r);
                return;
            }
            CallSession s = sessionOf(dialog);
            if (s == null) {
                respond(st, r, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such dialog");
                return;
            }
            Dialog d = e.getDialog() != null ? e.getDialog() : st.getDialog();
            switch (method) {
                case Request.INVITE -> s.reInvite(d, st, r);
                case Request.BYE -> s.bye(d, st, r);
                case Request.INFO -> s.info(d, st, r);
                case Request.UPDATE -> s.update(d, st, r);
                case Request.PRACK -> s.prack(st, r);
                default -> methodNotAllowed(st, r);
            }
        } catch (Exception ex) {
            LOG.warn("{} request failed: {}", method, ex.toString());
            fail(e, ex);
        }
    }

    private static boolean isKnown(String method) {
        return switch (method) {
            case Request.BYE, Request.INFO, Request.UPDATE, Request.PRACK -> true;
            default -> false;
        };
    }

    private void cancel(RequestEvent e) throws Exception {
        Request cancel = e.getRequest();
        String callId = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
        CallSession s = b2bua.byCallerCallId.get(callId);
        ServerTransaction st = e.getServerTransaction();
        if (st == null) {
            try {
                st = b2bua.provider.getNewServerTransaction(cancel);
            } catch (TransactionAlreadyExistsException retransmission) {
                return;
            }
        }
        if (s == null) {
            respond(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such call");
            return;
        }
        st.sendResponse(b2bua.messages.createResponse(Response.OK, cancel));
        s.cancelledByCaller();
    }

    private static CallSession sessionOf(Dialog d) {
        if (d == null) {
            return null;
        }
        Object app = d.getApplicationData();
        return app instanceof CallSession s ? s : null;
    }

    @Override
    public void processResponse(ResponseEvent e) {
        ClientTransaction ct = e.getClientTransaction();
        try {
            if (ct == null) {
                // a retransmitted 2xx to INVITE: the ACK must go again
                CallSession s = sessionOf(e.getDialog());
                if (s != null) {
                    s.strayResponse(e.getDialog(), e.getResponse());
                }
                return;
            }
            Object app = ct.getApplicationData();
            if (app instanceof ResponseHandler h) {
                h.response(e.getResponse(), e.getDialog());
            }
        } catch (Exception ex) {
            LOG.warn("response handling failed: {}", ex.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        if (e.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = e.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof ResponseHandler h) {
            try {
                h.timeout();
            } catch (Exception ex) {
                LOG.warn("timeout handling failed: {}", ex.toString());
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        LOG.debug("SIP I/O error toward {}:{} ({})", e.getHost(), e.getPort(), e.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }

    private AllowHeader allow() throws java.text.ParseException {
        return b2bua.headers.createAllowHeader(ALLOW);
    }

    private void methodNotAllowed(ServerTransaction st, Request r) throws Exception {
        Response resp = b2bua.messages.createResponse(Response.METHOD_NOT_ALLOWED, r);
        resp.addHeader(allow());
        st.sendResponse(resp);
    }

    void respond(ServerTransaction st, Request r, int code, String reason) throws Exception {
        Response resp = b2bua.messages.createResponse(code, r);
        if (reason != null) {
            resp.setReasonPhrase(reason);
        }
        st.sendResponse(resp);
    }

    private void fail(RequestEvent e, Exception cause) {
        if (Request.ACK.equals(e.getRequest().getMethod())) {
            return;
        }
        try {
            ServerTransaction st = e.getServerTransaction();
            Response resp = b2bua.messages.createResponse(Response.SERVER_INTERNAL_ERROR, e.getRequest());
            if (st != null) {
                st.sendResponse(resp);
            } else {
                b2bua.provider.sendResponse(resp);
            }
        } catch (Exception ignored) {
            // nothing more can be said to that peer
        }
    }

    /** What to do with the responses to a request ToneGuard sent. */
    interface ResponseHandler {
        void response(Response response, Dialog dialog) throws Exception;

        default void timeout() throws Exception {
        }
    }
}
