#pragma once
// A digest of a whole transaction: a resent one is recognised by it, and the same id with another
// payload is refused.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loyalty {

struct Transaction;

/// Version 2: the first 128 bits of SHA-256 over every field of the transaction in a fixed order,
/// which nobody can make two payloads share. Version 1 (`legacy`): the 64-bit FNV-1a that member
/// states and ledgers written before hold, in `low`, which two payloads can be made to share on
/// purpose; it is still read, and compared as it was taken, so that what was stored stays valid.
struct Fingerprint {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool legacy = false;

    friend bool operator==(const Fingerprint& a, const Fingerprint& b) {
        return a.high == b.high && a.low == b.low && a.legacy == b.legacy;
    }
    friend bool operator!=(const Fingerprint& a, const Fingerprint& b) { return !(a == b); }
};

/// Version 2, the same on every host, run and thread. Outcome::transaction_fingerprint holds it.
Fingerprint fingerprint(const Transaction& transaction);
/// Version 1, for comparing with what was stored before.
Fingerprint legacy_fingerprint(const Transaction& transaction);
/// Whether `recorded` is `transaction`'s, in the version `recorded` was taken in.
bool fingerprint_matches(const Fingerprint& recorded, const Transaction& transaction);

/// As stored in JSON and in the ledger: 32 lower-case hexadecimal digits, 16 for version 1.
std::string fingerprint_text(const Fingerprint& fingerprint);
/// 32 hexadecimal digits (version 2) or 16 (version 1); nullopt for anything else.
std::optional<Fingerprint> fingerprint_from_text(std::string_view text);

}  // namespace loyalty
