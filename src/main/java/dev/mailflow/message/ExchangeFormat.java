package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Exchange 2007 and later, Exchange Online / Microsoft 365 and Outlook.com non-delivery
 * reports (Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online", and
 * the NDRs these servers write): "Delivery has failed to these recipients or groups:" (or "Your
 * message to kate@example.org couldn't be delivered."), then "Diagnostic information for
 * administrators:" with "Generating server:", each recipient's address on its own line and the
 * reply below it: {@code Remote Server returned '550 5.1.1 ...'}, {@code Remote Server at mx
 * (192.0.2.1) returned '...'} or Exchange's own {@code #550 5.1.1 RESOLVER.ADR.RecipNotFound; not
 * found ##}. "Delivery is delayed to these recipients or groups:" is the delay notice.
 */
final class ExchangeFormat implements FormatReader {

    private static final String DIAGNOSTIC = "Diagnostic information for administrators";

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains(DIAGNOSTIC)
                && !body.contains("Delivery has failed to these recipients or groups")
                && !body.contains("Delivery is delayed to these recipients or groups")) {
            return List.of();
        }
        var lines = body.lines();
        int start = TextScan.find(lines, 0, DIAGNOSTIC);
        var listed = listed(lines, start < 0 ? lines.size() : start);
        var found = start >= 0 ? diagnostic(lines, start + 1, listed) : List.<Found>of();
        if (!found.isEmpty()) {
            return found;
        }
        // No diagnostic section (a report shortened by a gateway): the list the user sees.
        var fromList = new ArrayList<Found>();
        int list = TextScan.find(lines, 0, "to these recipients or groups");
        for (int n = list + 1; list >= 0 && n < lines.size(); n++) {
            var address = TextScan.addressLine(lines.get(n));
            if (address != null) {
                int next = TextScan.nextText(lines, n + 1);
                var text = next < 0 || TextScan.addressLine(lines.get(next)) != null
                        ? null
                        : TextScan.paragraph(lines, next);
                fromList.add(Found.of(address, text));
            }
        }
        return fromList;
    }

    /** The addresses the user-facing part lists, before the diagnostic section. */
    private static List<String> listed(List<String> lines, int end) {
        var listed = new ArrayList<String>();
        for (int i = 0; i < end; i++) {
            var a = addressOf(lines.get(i));
            if (a != null && !listed.contains(a)) {
                listed.add(a);
            }
        }
        return listed;
    }

    /** {@code kate@example.org} on its own line, or Outlook's {@code Kate (kate@example.org)}. */
    private static String addressOf(String line) {
        var a = TextScan.addressLine(line);
        if (a != null) {
            return a;
        }
        var s = TextScan.line(line).strip();
        return s.endsWith(")") && s.indexOf('(') > 0
                ? TextScan.addressLine(s.substring(s.lastIndexOf('(') + 1, s.length() - 1))
                : null;
    }

    private static List<Found> diagnostic(List<String> lines, int start, List<String> listed) {
        var found = new ArrayList<Found>();
        // A report that names one recipient above may give its reply without the address again.
        String address = listed.size() == 1 ? listed.getFirst() : null;
        for (int i = start; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i)).strip();
            if (s.startsWith("Original message headers")) {
                break;
            }
            var a = TextScan.addressLine(s);
            if (a != null) {
                address = a;
                continue;
            }
            var reply = reply(s);
            if (reply != null && address != null && !has(found, address)) {
                found.add(Found.of(address, reply));
            }
        }
        return found;
    }

    /** The reply on a diagnostic line, or null when the line holds none. */
    static String reply(String s) {
        int returned = s.indexOf("returned '");
        if (returned >= 0) {
            var r = s.substring(returned + 10);
            int end = r.lastIndexOf('\'');
            return end > 0 ? r.substring(0, end) : r;
        }
        if (s.startsWith("#<") || s.startsWith("#< ")) {
            // "#< #5.1.1 smtp;550 5.1.1 ...> #SMTP#" (Exchange 2010): RemoteReply reads the wrapping.
            return s;
        }
        int hash = s.indexOf('#');
        if (hash >= 0 && s.endsWith("##")) {
            // "mx.example.org #550 5.1.1 ... ##" or "#550 5.1.1 RESOLVER... ##"
            return s.substring(hash + 1, s.length() - 2);
        }
        return null;
    }

    private static boolean has(List<Found> found, String address) {
        return found.stream().anyMatch(f -> address.equals(f.address()));
    }
}
