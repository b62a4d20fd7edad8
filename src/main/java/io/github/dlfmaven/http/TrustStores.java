package io.github.dlfmaven.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Loads a trust store (PKCS12 or JKS) holding the certificate authorities of a private cloud. There is
 * deliberately no way to trust every certificate.
 */
public final class TrustStores {

    private TrustStores() {}

    /**
     * @param type {@code PKCS12} or {@code JKS}; null to guess from the extension ({@code .jks} is JKS, anything else PKCS12)
     * @param password the store's password; may be empty for a PKCS12 store holding only certificates
     * @throws IOException the file cannot be read, is not a key store of that type, or the password is wrong
     */
    public static X509TrustManager load(Path file, String type, char[] password) throws IOException {
        String storeType = type != null && !type.isBlank()
                ? type.trim().toUpperCase(Locale.ROOT)
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(storeType);
            store.load(in, password);
            if (store.size() == 0) {
                throw new IOException("The trust store " + file + " holds no certificate.");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("The trust store " + file + " gave no X.509 trust manager.");
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "Cannot read the trust store " + file + " as " + storeType + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("The trust store")) {
                throw e;
            }
            throw new IOException(
                    "Cannot read the trust store " + file + " as " + storeType
                            + " (a wrong password, or another store type?): " + e.getMessage(),
                    e);
        }
    }
}
