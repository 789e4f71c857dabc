#include "store/ledger_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace loyalty::detail {

bool holds_bytes(const std::string& path) {
    std::error_code missing;
    return std::filesystem::exists(path, missing) && std::filesystem::file_size(path, missing) > 0 && !missing;
}

// Its header holds the page count the file had before the change at byte 16, big-endian, after 8 bytes of magic
// (https://www.sqlite.org/fileformat.html, "The Rollback Journal").
bool journal_undoes_creation(const std::string& journal) {
    std::ifstream file(journal, std::ios::binary);
    unsigned char header[20] = {};
    if (!file.read(reinterpret_cast<char*>(header), sizeof header)) return false;
    constexpr unsigned char magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    const bool hot = std::equal(std::begin(magic), std::end(magic), header);
    return hot && header[16] == 0 && header[17] == 0 && header[18] == 0 && header[19] == 0;
}

}  // namespace loyalty::detail
