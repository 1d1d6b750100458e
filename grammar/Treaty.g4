// The grammar of the Treaty policy language (docs/language.md). The C++ parser is
// generated into the build tree (grammar/CMakeLists.txt) and used only by engine/syntax/.
// Parsing is done one top-level declaration at a time (engine/syntax/parser.cc splits the token
// stream at declaration keywords), so the entry rules are `declaration` and `standaloneExpr`.
// Keywords are exactly those of LANGUAGE.md §9; `active`, `as_of` and the type names `number`,
// `bool`, `date` are plain identifiers recognised by position. Comments go to the HIDDEN channel.
// Error tokens (UNTERMINATED_*, BAD_*, ERROR_CHAR) are reported by engine/syntax/ as precise
// diagnostics and never reach the parser.
grammar Treaty;

// ------------------------------------------------------------------ entry rules

declaration
  : taxonomyDecl
  | kindDecl
  | defineDecl
  | agreementDecl
  | waiverDecl
  | testDecl
  ;

standaloneExpr : expr EOF ;

// ------------------------------------------------------------------ vocabulary

taxonomyDecl : TAXONOMY IDENT LBRACE member* RBRACE ;
member       : IDENT (LBRACE member* RBRACE)? ;

kindDecl   : KIND IDENT description=stringLit? LBRACE kindItem* RBRACE ;
// A field `name: type [optional]`, or `active from F [until G]` / `active at F` (the leading
// identifier must then be `active`, checked by the builder for a precise message).
kindItem
  : IDENT ( COLON typeRef OPTIONAL?
          | FROM from=IDENT (UNTIL until=IDENT)?
          | AT at=IDENT )
  ;
typeRef    : shape=(LIST | MAP) OF typeName | typeName ;
typeName   : IDENT | TEXT ;

defineDecl : DEFINE IDENT (LPAREN (param (COMMA param)*)? RPAREN)? ASSIGN expr ;
param      : IDENT COLON IDENT ;

// ------------------------------------------------------------------ agreements

agreementDecl : AGREEMENT IDENT title=stringLit? LBRACE agreementItem* RBRACE ;
agreementItem
  : PARTIES party (COMMA party)*     # partiesItem
  | EFFECTIVE window                 # agreementEffectiveItem
  | AMENDS IDENT                     # amendsItem
  | clause                           # clauseItemOfAgreement
  ;
party  : IDENT | STRING ;
window : from=DATE (UNTIL until=DATE)? ;

clause : CLAUSE clauseId title=stringLit? LBRACE clauseItem* RBRACE ;
clauseId : STRING | IDENT ;
clauseItem
  : TEXT stringLit                              # textItem
  | SEVERITY level=(ERROR | WARNING | INFO)     # severityItem
  | MESSAGE stringLit                           # messageItem
  | EFFECTIVE window                            # clauseEffectiveItem
  | REPLACES STRING                             # replacesItem
  | OVERRIDES STRING (COMMA STRING)*            # overridesItem
  | ruleDecl                                    # ruleItem
  ;

ruleDecl
  : FORBID bindings scope                                         # forbidRule
  | PERMIT bindings scope                                         # permitRule
  | REQUIRE requireBody                                           # requireRule
  | EXCLUSIVE target=expr TO granted=expr scope                   # exclusiveRule
  | LIMIT limitBody                                               # limitRule
  ;
requireBody
  : EXISTS bindings scope BY DATE                                 # existsBody
  | expr scope                                                    # requirementBody
  ;
limitBody
  : COUNT bindings scope TO cap=expr period? groupBy?             # limitCountBody
  | SUM summed=expr scope TO cap=expr period? groupBy?            # limitSumBody
  ;
bindings : binding (COMMA binding)* ;
binding  : kind=IDENT (AS alias=IDENT)? ;
scope    : (WHEN when=expr)? (UNLESS unless=expr)? ;
period   : PER (unit=(DAY | WEEK | MONTH | QUARTER | YEAR) | NUMBER durationUnit) ;
groupBy  : BY expr ;

// ------------------------------------------------------------------ waivers and tests

waiverDecl : WAIVER waiverId=idText LBRACE waiverItem* RBRACE ;
waiverItem
  : CLAUSE STRING                         # waiverClauseItem
  | FACTS idText (COMMA idText)*          # waiverFactsItem
  | UNTIL DATE                            # waiverUntilItem
  | APPROVED_BY stringLit                 # waiverApprovedItem
  | REASON stringLit                      # waiverReasonItem
  ;
idText : STRING | IDENT ;

testDecl : TEST testName=idText LBRACE testItem* RBRACE ;
testItem
  : asOf=IDENT DATE                                       # asOfItem
  | GIVEN given                                           # givenItem
  | EXPECT expectation                                    # expectItem
  ;
given
  : FILE STRING                                           # givenFile
  | IDENT LBRACE (givenField (COMMA givenField)*)? RBRACE # givenFact
  ;
expectation
  : VIOLATION STRING (ON idText (COMMA idText)*)?         # expectViolation
  | NO VIOLATION STRING?                                  # expectNoViolation
  | WAIVED STRING ON idText (COMMA idText)*               # expectWaived
  | PENDING STRING                                        # expectPending
  | FINDINGS NUMBER                                       # expectFindings
  ;
givenField : IDENT COLON value ;
value      : mapValue | expr ;
mapValue   : LBRACE (mapEntry (COMMA mapEntry)*)? RBRACE ;
mapEntry   : key=idText COLON value ;

// ------------------------------------------------------------------ expressions
// One rule per precedence level, loosest first; chains are flat lists (built iteratively).

expr     : andExpr (OR andExpr)* ;
andExpr  : notExpr (AND notExpr)* ;
notExpr  : NOT notExpr | relExpr ;
relExpr
  : quant=(ANY | ALL | NONE) addExpr IN addExpr                      # quantifiedExpr
  | addExpr ( op=(EQ | NE | LT | LE | GT | GE) addExpr
            | NOT? IN addExpr
            | IS presence=(ABSENT | PRESENT) )?                      # simpleRelExpr
  ;
addExpr   : mulExpr (addOp mulExpr)* ;
addOp     : PLUS | MINUS ;
mulExpr   : unaryExpr (mulOp unaryExpr)* ;
mulOp     : STAR | SLASH ;
unaryExpr : MINUS unaryExpr | postfixExpr ;
postfixExpr : primary postfix* ;
postfix   : DOT IDENT | LBRACKET expr RBRACKET ;
primary
  : NUMBER (durationUnit | badUnit=(IDENT | QUARTER))?   # numberPrimary
  | stringLit                                             # stringPrimary
  | DATE                                                  # datePrimary
  | (TRUE | FALSE)                                        # boolPrimary
  | TODAY                                                 # todayPrimary
  | IDENT callArgs?                                       # namePrimary
  | COUNT callArgs                                        # countPrimary
  | LBRACKET (expr (COMMA expr)*)? RBRACKET               # listPrimary
  | LPAREN expr RPAREN                                    # parenPrimary
  ;
callArgs     : LPAREN (expr (COMMA expr)*)? RPAREN ;
durationUnit : DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | YEAR | YEARS ;
stringLit    : STRING | LONG_STRING ;

// ------------------------------------------------------------------ lexer

AGREEMENT : 'agreement' ;
ALL : 'all' ;
AMENDS : 'amends' ;
AND : 'and' ;
ANY : 'any' ;
APPROVED_BY : 'approved_by' ;
AS : 'as' ;
AT : 'at' ;
BY : 'by' ;
CLAUSE : 'clause' ;
COUNT : 'count' ;
DEFINE : 'define' ;
EFFECTIVE : 'effective' ;
EXCLUSIVE : 'exclusive' ;
EXPECT : 'expect' ;
FACTS : 'facts' ;
FALSE : 'false' ;
FILE : 'file' ;
FORBID : 'forbid' ;
FROM : 'from' ;
GIVEN : 'given' ;
IN : 'in' ;
IS : 'is' ;
ABSENT : 'absent' ;
PRESENT : 'present' ;
KIND : 'kind' ;
LIMIT : 'limit' ;
LIST : 'list' ;
MAP : 'map' ;
MESSAGE : 'message' ;
NO : 'no' ;
NONE : 'none' ;
NOT : 'not' ;
OF : 'of' ;
ON : 'on' ;
OPTIONAL : 'optional' ;
OR : 'or' ;
OVERRIDES : 'overrides' ;
PARTIES : 'parties' ;
PER : 'per' ;
PERMIT : 'permit' ;
REASON : 'reason' ;
REPLACES : 'replaces' ;
REQUIRE : 'require' ;
SEVERITY : 'severity' ;
SUM : 'sum' ;
TAXONOMY : 'taxonomy' ;
TEST : 'test' ;
TEXT : 'text' ;
TO : 'to' ;
TODAY : 'today' ;
TRUE : 'true' ;
UNLESS : 'unless' ;
UNTIL : 'until' ;
VIOLATION : 'violation' ;
WAIVED : 'waived' ;
PENDING : 'pending' ;
FINDINGS : 'findings' ;
WAIVER : 'waiver' ;
WHEN : 'when' ;
EXISTS : 'exists' ;
ERROR : 'error' ;
WARNING : 'warning' ;
INFO : 'info' ;
DAY : 'day' ;
WEEK : 'week' ;
MONTH : 'month' ;
QUARTER : 'quarter' ;
YEAR : 'year' ;
DAYS : 'days' ;
WEEKS : 'weeks' ;
MONTHS : 'months' ;
YEARS : 'years' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COMMA : ',' ;
COLON : ':' ;
DOT : '.' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
ASSIGN : '=' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;

// A date is one token: `2026-03-01`.
DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
// `2026-3-1`: a date not written as YYYY-MM-DD (longest match beats DATE and NUMBER).
BAD_DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT+ '-' DIGIT+ ;
NUMBER : DIGIT (DIGIT | '_')* ('.' DIGIT (DIGIT | '_')*)? ;
// `30days`, `1.2.3`, `1.`: a number run into letters or dots.
BAD_NUMBER
  : DIGIT (DIGIT | '_')* ('.' (DIGIT | '_')*)? [A-Za-z_] [A-Za-z0-9_]*
  | DIGIT (DIGIT | '_')* '.' (DIGIT | '_')* ('.' (DIGIT | '_')*)+
  | DIGIT (DIGIT | '_')* '.'
  ;
IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

LONG_STRING : '"""' LONG_CHAR* '"""' ;
STRING : '"' (ESC | ~["\\\r\n])* '"' ;
UNTERMINATED_LONG_STRING : '"""' LONG_CHAR* '"'? '"'? ;
UNTERMINATED_STRING : '"' (ESC | ~["\\\r\n])* '\\'? ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* ;
WS : [ \t\r\n\f]+ -> channel(HIDDEN) ;

ERROR_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment ESC : '\\' ~[\r\n] ;
fragment LONG_CHAR : ~'"' | '"' ~'"' | '""' ~'"' ;
