package io.toneguard.psp.card;

/** A US bank account (ACH / check): ABA routing number and account number, zeroable. */
public final class BankAccount implements AutoCloseable {
    private final SensitiveDigits routingNumber;
    private final SensitiveDigits accountNumber;

    public BankAccount(SensitiveDigits routingNumber, SensitiveDigits accountNumber) {
        this.routingNumber = routingNumber;
        this.accountNumber = accountNumber;
    }

    public SensitiveDigits routingNumber() {
        return routingNumber;
    }

    public SensitiveDigits accountNumber() {
        return accountNumber;
    }

    @Override
    public void close() {
        routingNumber.close();
        accountNumber.close();
    }

    @Override
    public String toString() {
        return "BankAccount[redacted]";
    }
}
