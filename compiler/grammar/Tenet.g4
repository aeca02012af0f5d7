// The Tenet grammar (language.md is the reference; this file follows it section by
// section). The C++ parser is generated at build time; nothing generated is committed.
//
// Design notes
// - Primitive type names (u256, bool, address, string, ...) are ordinary identifiers:
//   `u64(x)` and `address(0)` are calls, and a type is a (possibly qualified) name.
// - `from` is a keyword only inside `import { … } from "…"`; elsewhere it is an
//   identifier (language.md uses it as a parameter name). `as` likewise is a keyword
//   only in `import { A as B }` and `pub fn f() as "name"` (1.1).
// - `>>` and `>>=` are not tokens: the lexer produces `>` `>` and `>` `>=`, so that
//   `map<address, map<address, u256>>` closes two maps. The AST builder checks that
//   the two characters of a shift are adjacent.
// - Struct literals `Point { x: 1, y: 2 }` need at least one field. The parser tells
//   them from a block by the lookahead `Name { ident :` — a block never starts with
//   `ident :` — so `if ok { … }` and `while n < MAX { … }` are never ambiguous.
// - language.md shows no struct declaration: fields are `name: T` separated by ',' (a
//   ';' is accepted too, as in contracts), with an optional trailing separator.
// - Function modifiers are parsed as a list; the AST builder enforces language.md's
//   order `[pub] [view | payable] [reentrant] fn` (and `test fn`, `invariant fn`).
//   The constructor is `[payable] init(…) { … }`.
// - `///` doc comments go to a hidden channel; the AST builder attaches the ones just
//   before an item or member to it.
// - Lexical errors never stop the lexer: unknown characters, unterminated strings and
//   comments, and malformed numbers become error tokens the front end reports.
grammar Tenet;

// ---------------------------------------------------------------- files and items

sourceFile : importDecl* item* EOF ;

importDecl
  : IMPORT STRING_LIT ';'                                                  # plainImport
  | IMPORT '{' importItem (',' importItem)* ','? '}' FROM STRING_LIT ';'   # selectiveImport
  ;

// (1.1) `A as B`: the item declared as A, bound locally as B.
importItem : ident (AS ident)? ;

item
  : constDecl
  | structDecl
  | enumDecl
  | eventDecl
  | errorDecl
  | interfaceDecl
  | contractDecl
  | componentDecl
  | functionDecl
  ;

constDecl : CONST ident ':' typeExpr '=' expr ';' ;

structDecl : STRUCT ident '{' (structField ((',' | ';') structField)* (',' | ';')?)? '}' ;
structField : ident ':' typeExpr ;

enumDecl : ENUM ident '{' (ident (',' ident)* ','?)? '}' ;

eventDecl : EVENT ident '(' (eventParam (',' eventParam)* ','?)? ')' ';' ;
eventParam : ident ':' typeExpr INDEXED? ;

errorDecl : ERROR ident '(' paramList? ')' ';' ;

interfaceDecl : INTERFACE ident '{' functionDecl* '}' ;

contractDecl : TEST? CONTRACT ident usesClause? '{' contractMember* '}' ;

// (1.1) Components: members like a contract's (sema rejects `init`), included with `uses`.
componentDecl : COMPONENT ident usesClause? '{' contractMember* '}' ;
usesClause : USES ident (',' ident)* ;

contractMember
  : fieldDecl
  | constDecl
  | initDecl
  | functionDecl
  ;

fieldDecl : PUB? ident ':' typeExpr ';' ;

initDecl : fnModifier* INIT '(' paramList? ')' block ;

functionDecl
  : fnModifier* FN ident '(' paramList? ')' ('->' resultType)? (AS STRING_LIT)? (block | ';') ;

fnModifier : PUB | VIEW | PAYABLE | REENTRANT | TEST | INVARIANT ;

paramList : param (',' param)* ','? ;
param : ident ':' typeExpr ;

resultType
  : typeExpr                                        # singleResult
  | '(' typeExpr (',' typeExpr)* ','? ')'           # tupleResult
  ;

// ---------------------------------------------------------------- types

typeExpr
  : ident                                           # namedType
  | '[' typeExpr ';' expr ']'                       # fixedArrayType
  | '[' typeExpr ']'                                # dynamicArrayType
  | MAP '<' typeExpr ',' typeExpr '>'               # mapType
  ;

// ---------------------------------------------------------------- statements

block : '{' statement* '}' ;

statement
  : letStmt
  | letTupleStmt
  | ifStmt
  | whileStmt
  | forStmt
  | breakStmt
  | continueStmt
  | returnStmt
  | emitStmt
  | requireStmt
  | revertStmt
  | assertStmt
  | tryStmt
  | deleteStmt
  | exprStmt
  ;

letStmt : LET MUT? ident (':' typeExpr)? '=' expr ';' ;
letTupleStmt : LET '(' letBinding (',' letBinding)+ ','? ')' '=' expr ';' ;
letBinding : MUT? ident ;

ifStmt : IF expr block (ELSE (ifStmt | block))? ;
whileStmt : WHILE expr block ;
forStmt : FOR ident IN expr (DOTDOT | DOTDOTEQ) expr block ;
breakStmt : BREAK ';' ;
continueStmt : CONTINUE ';' ;
returnStmt : RETURN expr? ';' ;
emitStmt : EMIT ident '(' argList? ')' ';' ;
requireStmt : REQUIRE '(' expr (',' expr)? ','? ')' ';' ;
revertStmt
  : REVERT '(' expr ','? ')' ';'                    # revertMessage
  | REVERT ident '(' argList? ')' ';'               # revertError
  ;
assertStmt : ASSERT '(' expr ','? ')' ';' ;
// 1.1 try/catch (language.md §5): `try call -> (a, b) { … } catch E(x) { … } catch (d) { … }`.
tryStmt : TRY expr ('->' '(' tryBinding (',' tryBinding)* ','? ')')? block catchClause+ ;
tryBinding : MUT? ident (':' typeExpr)? ;
catchClause
  : CATCH ident '(' (ident (',' ident)* ','?)? ')' block      # catchError
  | CATCH '(' ident ')' block                                 # catchData
  | CATCH block                                               # catchAll
  ;
deleteStmt : DELETE expr ';' ;                      // 1.1: resets a place to its zero value

// One rule for expression statements and assignments, so that the parser never has
// to look past the left-hand side to choose between them.
exprStmt : expr (assignOp expr)? ';' ;

assignOp
  : '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<='
  | '>' '>='                                        // `>>=` (see the design notes)
  ;

// ---------------------------------------------------------------- expressions
// Alternatives are listed tightest first (language.md §4 lists them loosest first).

expr
  : primary                                                   # primaryExpr
  | expr '.' ident                                            # memberExpr
  | expr '[' expr ']'                                         # indexExpr
  | expr callOptions? '(' argList? ')'                        # callExpr
  | op=('!' | '-' | '~') expr                                 # unaryExpr
  | <assoc=right> expr '**' expr                              # powerExpr
  | expr op=('*' | '/' | '%' | '*%') expr                     # mulExpr
  | expr op=('+' | '-' | '+%' | '-%') expr                    # addExpr
  | expr (shl='<<' | shr1='>' shr2='>') expr                  # shiftExpr
  | expr '&' expr                                             # bitAndExpr
  | expr '^' expr                                             # bitXorExpr
  | expr '|' expr                                             # bitOrExpr
  | expr op=('<' | '<=' | '>' | '>=') expr                    # compareExpr
  | expr op=('==' | '!=') expr                                # equalityExpr
  | expr '&&' expr                                            # andExpr
  | expr '||' expr                                            # orExpr
  | <assoc=right> expr '?' expr ':' expr                      # conditionalExpr
  ;

primary
  : INT_LIT                                                   # intLiteral
  | STRING_LIT                                                # stringLiteral
  | HEX_LIT                                                   # hexLiteral
  | (TRUE | FALSE)                                            # boolLiteral
  | SELF                                                      # selfExpr
  | ident '::' ident                                          # enumPath
  | ident '{' fieldInit (',' fieldInit)* ','? '}'             # structLiteral
  | ident                                                     # nameExpr
  | '(' expr ')'                                              # parenExpr
  | '(' expr (',' expr)+ ','? ')'                             # tupleExpr
  | '[' (expr (',' expr)* ','?)? ']'                          # arrayLiteral
  | '[' typeExpr ';' expr ']'                                 # arrayTypeExpr
  | NEW ident callOptions? '(' argList? ')'                   # newContract
  | NEW '[' typeExpr ']' '(' argList? ')'                     # newArray
  ;

fieldInit : ident ':' expr ;
callOptions : '{' callOption (',' callOption)* ','? '}' ;
callOption : ident ':' expr ;
argList : expr (',' expr)* ','? ;

ident : IDENT | FROM | AS ;

// ---------------------------------------------------------------- lexer

IMPORT : 'import' ;
FROM : 'from' ;
CONST : 'const' ;
STRUCT : 'struct' ;
ENUM : 'enum' ;
EVENT : 'event' ;
ERROR : 'error' ;
INTERFACE : 'interface' ;
CONTRACT : 'contract' ;
TEST : 'test' ;
INIT : 'init' ;
FN : 'fn' ;
PUB : 'pub' ;
VIEW : 'view' ;
PAYABLE : 'payable' ;
REENTRANT : 'reentrant' ;
LET : 'let' ;
MUT : 'mut' ;
IF : 'if' ;
ELSE : 'else' ;
WHILE : 'while' ;
FOR : 'for' ;
IN : 'in' ;
BREAK : 'break' ;
CONTINUE : 'continue' ;
RETURN : 'return' ;
EMIT : 'emit' ;
REQUIRE : 'require' ;
REVERT : 'revert' ;
ASSERT : 'assert' ;
SELF : 'self' ;
TRUE : 'true' ;
FALSE : 'false' ;
NEW : 'new' ;
INDEXED : 'indexed' ;
MAP : 'map' ;
INVARIANT : 'invariant' ;
COMPONENT : 'component' ;
USES : 'uses' ;
TRY : 'try' ;
CATCH : 'catch' ;
DELETE : 'delete' ;
// Contextual, not reserved (language.md §2 does not list it): see `ident`.
AS : 'as' ;

LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
SEMI : ';' ;
COMMA : ',' ;
COLONCOLON : '::' ;
COLON : ':' ;
DOTDOTEQ : '..=' ;
DOTDOT : '..' ;
DOT : '.' ;
ARROW : '->' ;
QUESTION : '?' ;

ASSIGN : '=' ;
PLUS_ASSIGN : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN : '*=' ;
SLASH_ASSIGN : '/=' ;
PERCENT_ASSIGN : '%=' ;
AMP_ASSIGN : '&=' ;
PIPE_ASSIGN : '|=' ;
CARET_ASSIGN : '^=' ;
SHL_ASSIGN : '<<=' ;

EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
SHL : '<<' ;
ANDAND : '&&' ;
OROR : '||' ;
NOT : '!' ;
TILDE : '~' ;
AMP : '&' ;
PIPE : '|' ;
CARET : '^' ;
POW : '**' ;
PLUS_WRAP : '+%' ;
MINUS_WRAP : '-%' ;
STAR_WRAP : '*%' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;

// `hex"…"` must come before IDENT (same length otherwise) and its contents are
// checked by the AST builder (even number of hex digits).
HEX_LIT : 'hex"' ~["\r\n]* '"' ;

// Decimal (with `_` separators and an optional exponent: `1e18`, `2.5e6`) or hex.
INT_LIT
  : [0-9] [0-9_]* ('.' [0-9] [0-9_]*)? [eE] [0-9] [0-9_]*
  | [0-9] [0-9_]*
  | '0' [xX] [0-9a-fA-F_]+
  ;

IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

STRING_LIT : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;

DOC_COMMENT : '///' (~[/\r\n] ~[\r\n]*)? -> channel(2) ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n\f]+ -> skip ;

// Error tokens: reported by the front end with a precise message.
BAD_NUMBER : [0-9] [0-9A-Za-z_]* ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;
// A `/*` with no `*/` after it (the body cannot contain `*/`, so this never beats
// BLOCK_COMMENT on a closed comment).
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
ERROR_CHAR : . ;
