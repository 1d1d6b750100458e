// syntax::Parse: decode -> lex -> split at declaration keywords -> for each declaration, guard
// the nesting, parse with ANTLR, build the AST. A declaration keyword never appears inside a
// valid declaration, so parsing one declaration at a time confines every error (a missing `}`
// included) to the declaration it is in.
#include "syntax/parser.h"

#include <algorithm>

#include "base/did_you_mean.h"
#include "base/utf8.h"
#include "syntax/ast_builder.h"
#include "syntax/error_listener.h"
#include "syntax/literals.h"
#include "syntax/nesting_guard.h"
#include "syntax/parse_unit.h"

namespace treaty::syntax {

namespace {

using L = treaty_grammar::TreatyLexer;

bool IsDeclarationKeyword(size_t type) {
  return type == L::TAXONOMY || type == L::KIND || type == L::DEFINE || type == L::AGREEMENT ||
         type == L::WAIVER || type == L::TEST;
}

constexpr std::string_view kDeclarationWords[] = {"taxonomy",  "kind",   "define",
                                                  "agreement", "waiver", "test"};

// The name a declaration starting at `begin` declares ("" when there is none).
std::string DeclaredName(const LexedText& lexed, size_t begin, size_t end) {
  if (begin + 1 >= end) return "";
  antlr4::Token* t = lexed.tokens[begin + 1].get();
  if (t->getType() == L::IDENT || IsKeyword(t->getType())) return t->getText();
  if (t->getType() == L::STRING) {
    std::string s = t->getText();
    if (s.size() >= 2) return s.substr(1, s.size() - 2);
  }
  return "";
}

class FileParser {
 public:
  FileParser(const base::SourceFile& file, base::DiagnosticEngine& diags,
             const ParseOptions& options, ast::File& out)
      : file_(file), diags_(diags), options_(options), out_(out) {}

  void Run() {
    uint32_t invalid = kNoOffset;
    // A byte order mark is skipped: it is no character of the text (and on no column).
    const auto bom = static_cast<uint32_t>(base::Utf8BomLength(file_.text()));
    text_ = DecodeUtf8(file_.text().substr(bom), bom, &invalid);
    if (invalid != kNoOffset) {
      diags_.Add(base::MakeDiagnostic(base::DiagCode::T0116, file_.MakeSpan(invalid, invalid + 1))
                     .WithLabel("this byte does not belong to a UTF-8 character")
                     .WithHelp("save the file with the UTF-8 encoding"));
    }
    SpanMaker spans(file_, text_);
    lexed_ = Lex(spans, diags_);
    // A declaration starts at a declaration keyword outside any bracket, or at the start of a
    // line (a `}` is then missing before it); elsewhere the keyword is an error in the
    // declaration around it (`test` used as a member name).
    std::vector<size_t> starts = {0};
    size_t depth = 0;
    for (size_t i = 0; i < lexed_.tokens.size(); ++i) {
      const antlr4::Token* t = lexed_.tokens[i].get();
      const size_t type = t->getType();
      if (IsDeclarationKeyword(type) && (depth == 0 || t->getCharPositionInLine() == 0)) {
        if (i != 0) starts.push_back(i);
        depth = 0;
      } else if (type == L::LBRACE || type == L::LPAREN || type == L::LBRACKET) {
        ++depth;
      } else if ((type == L::RBRACE || type == L::RPAREN || type == L::RBRACKET) && depth > 0) {
        --depth;
      }
    }
    starts.push_back(lexed_.tokens.size());
    for (size_t k = 0; k + 1 < starts.size(); ++k) {
      if (starts[k] < starts[k + 1]) ParseChunk(spans, starts[k], starts[k + 1]);
    }
  }

 private:
  size_t StartOf(size_t token) const {
    return token < lexed_.tokens.size() ? lexed_.tokens[token]->getStartIndex()
                                        : text_.chars.size();
  }

  bool HasLexError(size_t begin, size_t end) const {
    auto it = std::lower_bound(lexed_.errors.begin(), lexed_.errors.end(), StartOf(begin));
    return it != lexed_.errors.end() && *it < StartOf(end);
  }

  void Broken(const std::string& name) {
    if (!name.empty()) out_.broken_names.push_back(name);
  }

  // Tokens before the first declaration keyword.
  void ParseStray(const SpanMaker& spans, size_t begin, size_t end) {
    if (HasLexError(begin, end)) return;
    antlr4::Token* t = lexed_.tokens[begin].get();
    std::string help;
    if (t->getType() == L::IDENT) {
      help = base::DidYouMean(t->getText(),
                              {std::begin(kDeclarationWords), std::end(kDeclarationWords)});
      // A misspelt declaration keyword: its name is known even if the declaration is lost.
      if (!help.empty()) Broken(DeclaredName(lexed_, begin, end));
    }
    if (help.empty()) {
      help =
          "a declaration starts with `taxonomy`, `kind`, `define`, `agreement`, `waiver` or "
          "`test`";
    }
    diags_.Add(base::MakeDiagnostic(base::DiagCode::T0101, spans.Of(t), "a declaration",
                                    DescribeToken(*t, ""))
                   .WithHelp(help));
  }

  void ParseChunk(const SpanMaker& spans, size_t begin, size_t end) {
    if (!IsDeclarationKeyword(lexed_.tokens[begin]->getType())) {
      ParseStray(spans, begin, end);
      return;
    }
    const std::string name = DeclaredName(lexed_, begin, end);
    if (HasLexError(begin, end)) {
      Broken(name);
      return;
    }
    std::vector<const antlr4::Token*> tokens;
    tokens.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) tokens.push_back(lexed_.tokens[i].get());
    GuardResult guard = NestingGuard(options_).Scan(tokens, spans, diags_);
    if (!guard.ok) {
      Broken(name);
      return;
    }
    const std::string eof_found =
        end < lexed_.tokens.size() ? DescribeToken(*lexed_.tokens[end], "") : "the end of the file";
    TokenRangeParser range(lexed_, begin, end, StartOf(end));
    ErrorListener listener(spans, diags_, ErrorListener::Mode::kDeclaration, eof_found,
                           guard.unclosed);
    auto& parser = range.parser();
    listener.Attach(parser);
    auto* tree = parser.declaration();
    if (listener.failed()) {
      Broken(name);
      return;
    }
    const size_t errors = diags_.error_count();
    AstBuilder builder(spans, diags_, options_);
    ast::Decl decl = builder.BuildDeclaration(*tree);
    if (diags_.error_count() != errors) {
      Broken(name);
    } else {
      out_.decls.push_back(std::move(decl));
    }
    // Tokens after a complete declaration (e.g. one `}` too many).
    antlr4::Token* next = parser.getCurrentToken();
    if (next->getType() != antlr4::Token::EOF) listener.ReportTrailing(parser, *next);
  }

  const base::SourceFile& file_;
  base::DiagnosticEngine& diags_;
  const ParseOptions& options_;
  ast::File& out_;
  CodePointText text_;
  LexedText lexed_;
};

}  // namespace

ast::File Parse(const base::SourceFile& file, base::DiagnosticEngine& diags,
                const ParseOptions& options) {
  ast::File out;
  out.file = file.id();
  FileParser(file, diags, options, out).Run();
  return out;
}

}  // namespace treaty::syntax
