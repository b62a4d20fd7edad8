package io.github.dlfmaven.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The file name a definition's name is stored under in a snapshot, the same on every system, so that a snapshot
 * written on Linux can be checked out on Windows and macOS. The name is kept as it is but for these characters, which
 * are written as {@code %} and the two upper-case hex digits of each of their UTF-8 bytes:
 *
 * <ul>
 *   <li>{@code %} itself ({@code %25}), so that every {@code %} of a file name starts an escape;
 *   <li>the characters Windows forbids, {@code < > : " / \ | ? *}, the control characters U+0000 to U+001F, and DEL;
 *   <li>a last character that is {@code .} or a space, which Windows drops ({@code x.} is {@code x%2E});
 *   <li>the last character of the part before the first dot when that part is a device name of Windows ({@code CON},
 *       {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0} to {@code COM9}, {@code LPT0} to {@code LPT9}, also with
 *       {@code ¹ ² ³}, in any case, trailing spaces ignored as Windows ignores them), which Windows reserves with any
 *       extension: {@code CON} is {@code CO%4E}, {@code nul.txt} is {@code nu%6C.txt}.
 * </ul>
 *
 * <p>Any other name, in any script and with spaces inside, is its own file name, so snapshots written before this rule
 * keep their file names. A file name is read back as the name it was written for only when it is exactly what this
 * rule writes for that name; any other file name (a {@code %} not followed by two upper-case hex digits, an escape
 * the rule does not write, a snapshot written before the rule: {@code 50%}, {@code a%41}, {@code CON}) is the name
 * as written. So every name gives one file name and back, and an older snapshot reads as it always did, but for a
 * name that itself holds such an escape ({@code a%3Ab}, now read as {@code a:b}; exported again it is {@code
 * a%253Ab}).
 *
 * <p>Names that differ only in case or in Unicode normalization are different names and different file names, but
 * Windows and macOS hold them as one file: {@link #folded} says which file names those systems take for the same.
 *
 * <p>SnapshotDefinitions reach this rule through {@link DefinitionKind}; other files named after definitions (the report's
 * pages) ask {@link #isWindowsDevice} of their own names.
 */
public final class PortableFileName {

    /** The device names of Windows, with or without an extension; ASCII letters in any case. */
    private static final Pattern DEVICE =
            Pattern.compile("(CON|PRN|AUX|NUL|(COM|LPT)[0-9\u00B9\u00B2\u00B3]) *", Pattern.CASE_INSENSITIVE);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PortableFileName() {}

    /**
     * Whether Windows takes a file of this name, extension included, for a device: {@code CON}, {@code nul.txt},
     * {@code com1.tar.gz}.
     */
    public static boolean isWindowsDevice(String fileName) {
        int dot = fileName.indexOf('.');
        return DEVICE.matcher(dot < 0 ? fileName : fileName.substring(0, dot)).matches();
    }

    /** The file name of {@code name}, extension not included: {@code CO%4E} for {@code CON}. */
    static String of(String name) {
        int dot = name.indexOf('.');
        int stemEnd = dot < 0 ? name.length() : dot;
        int device = stemEnd > 0 && isWindowsDevice(name) ? name.offsetByCodePoints(stemEnd, -1) : -1;
        int last = name.isEmpty() ? -1 : name.offsetByCodePoints(name.length(), -1);
        boolean trailing = name.endsWith(".") || name.endsWith(" ");
        StringBuilder file = null;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean escaped = forbidden(c) || i == device || (trailing && i == last);
            if (escaped && file == null) {
                file = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (escaped) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    file.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            } else if (file != null) {
                file.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return file == null ? name : file.toString();
    }

    /** The name a file name (extension not included) was written for, or the file name itself: see the class. */
    static String nameOf(String fileName) {
        if (fileName.indexOf('%') < 0) {
            return fileName;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(fileName.length());
        int plain = 0;
        for (int i = 0; i < fileName.length(); i++) {
            if (fileName.charAt(i) != '%') {
                continue;
            }
            int high = i + 1 < fileName.length() ? hexDigit(fileName.charAt(i + 1)) : -1;
            int low = i + 2 < fileName.length() ? hexDigit(fileName.charAt(i + 2)) : -1;
            if (high < 0 || low < 0) {
                return fileName;
            }
            bytes.writeBytes(fileName.substring(plain, i).getBytes(StandardCharsets.UTF_8));
            bytes.write(high << 4 | low);
            i += 2;
            plain = i + 1;
        }
        bytes.writeBytes(fileName.substring(plain).getBytes(StandardCharsets.UTF_8));
        String name;
        try {
            name = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return fileName;
        }
        return of(name).equals(fileName) ? name : fileName;
    }

    /**
     * What Windows and macOS compare when they look a path up: two paths with the same folded form are one file there
     * ({@code Daily.job} and {@code daily.job}; {@code é} composed and as {@code e} with a combining accent; {@code ς}
     * and {@code σ}; {@code ſ} and {@code s}).
     */
    static String folded(String path) {
        String composed = Normalizer.normalize(path, Normalizer.Form.NFC);
        // Upper case first: Windows compares names upper-cased and macOS case-folded, and letters with two lower-case
        // forms (Greek final sigma, the long s, the micro sign) meet only there, as case folding meets them; lower
        // case alone keeps them apart. This also joins ß and ss, as full case folding does: a pair it joins is
        // refused, never written as two files that may be one.
        String folded = composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    private static boolean forbidden(int c) {
        return c < 0x20 || c == 0x7F || "%<>:\"/\\|?*".indexOf(c) >= 0;
    }

    /** The value of an upper-case hex digit, or -1: the rule writes no other. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
