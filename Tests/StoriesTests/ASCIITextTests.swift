import Foundation
import NewsModels
@testable import Stories
import Testing

extension StoriesTests {
    /// The byte-level tokenizer gives what the `Character` tokenizer gives on every ASCII text.
    @Suite struct ASCIITokenizing {
        static let edgeCases = [
            "", " ", "U.S. and D.C. talks", "A.B.C. 3.5 percent", "Talks end.\r\nNew round", "one\ntwo\rthree\r\n",
            "Its 'rallies' pass buses bus; class cities's!", "US.9 X.y a. b.c", "tab\there\u{0B}vt\u{0C}ff  end",
            "Prime Minister ISHIBA Shigeru met Trump? Yes! In Washington.", "ies buses Ss IES ss x.Y.z", "\r\n\r\n.",
        ]

        static func texts() throws -> [String] {
            var texts = edgeCases
            if StoryCorpus.seedsPresent {
                for item in try StoryCorpus.all() {
                    texts.append(item.article.title)
                    texts.append(item.article.dek ?? "")
                    texts += item.article.blocks.compactMap { if case let .paragraph(text, _) = $0 { text } else { nil } }
                }
            }
            return texts.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        }

        @Test func runsMatchTheCharacterTokenizer() throws {
            for text in try Self.texts() {
                #expect(ASCIIText.withBytes(text, ASCIIText.runs) == Tokenizer.characterRuns(text), "\(text.debugDescription)")
            }
        }

        @Test func normalizedWordsMatchTheCharacterForm() throws {
            for text in try Self.texts() {
                for case let .word(word) in Tokenizer.characterRuns(text) {
                    var folded = word.lowercased()
                    if folded.count > 4, folded.hasSuffix("ies") {
                        folded = String(folded.dropLast(3)) + "y"
                    } else if folded.count > 4, folded.hasSuffix("s"), !folded.hasSuffix("ss"), !folded.hasSuffix("us") {
                        folded = String(folded.dropLast())
                    }
                    #expect(Tokenizer.normalize(word) == folded, "\(word)")
                }
            }
        }

        @Test func wordCountsMatchWhitespaceSplitting() throws {
            for text in try Self.texts() {
                #expect(ASCIIText.withBytes(text, ASCIIText.wordCount) == text.split(whereSeparator: \.isWhitespace).count, "\(text.debugDescription)")
            }
        }

        @Test func textBeyondASCIIIsLeftToTheCharacterTokenizer() {
            #expect(ASCIIText.withBytes("Café talks", ASCIIText.runs) == nil)
            #expect(Tokenizer.runs("Café talks") == Tokenizer.characterRuns("Café talks"))
        }
    }
}
