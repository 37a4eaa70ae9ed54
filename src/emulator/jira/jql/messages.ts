/**
 * Every 400 message the JQL engine can produce, worded as Jira Cloud words them.
 * Kept in one place so the wording is consistent and testable; callers pass raw values.
 */

/** Where a syntax error happened: 1-based line and character (UTF-16 units, as Jira counts). */
export interface SourcePosition {
  line: number;
  character: number;
}

const SYNTAX = "Error in the JQL Query: ";
/** Jira Cloud words operand errors with a slightly different prefix (observed on live sites). */
const OPERAND_SYNTAX = "Error in JQL Query: ";
const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";
const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

function at(position: SourcePosition): string {
  return `(line ${position.line}, character ${position.character})`;
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, "0");
}

export const syntax = {
  unfinishedString: (text: string, p: SourcePosition) =>
    text === ""
      ? `${SYNTAX}The quoted string has not been completed. ${at(p)}`
      : `${SYNTAX}The quoted string '${text}' has not been completed. ${at(p)}`,
  illegalEscape: (sequence: string, p: SourcePosition) =>
    `${SYNTAX}'${sequence}' is an illegal JQL escape sequence. ${VALID_ESCAPES} ${at(p)}`,
  unfinishedEscape: (p: SourcePosition) => `${SYNTAX}The escape sequence has not been completed. ${VALID_ESCAPES} ${at(p)}`,
  reservedCharacter: (ch: string, p: SourcePosition) =>
    `${SYNTAX}The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${hex4(ch.charCodeAt(0))}' instead. ${at(p)}`,
  illegalCharacter: (code: number, p: SourcePosition) =>
    `${SYNTAX}The character 'U+${hex4(code).toUpperCase()}' on line ${p.line} at position ${p.character} must be escaped. Use the escape '\\u${hex4(code)}' instead. ${at(p)}`,
  invalidNumber: (text: string, p: SourcePosition) =>
    `${SYNTAX}'${text}' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. ${at(p)}`,
  reservedWord: (word: string, p: SourcePosition) =>
    `${SYNTAX}'${word}' is a reserved JQL word. You must surround it in quotation marks to use it in a query. ${at(p)}`,
  expectingOperator: (got: string, p: SourcePosition) => `${SYNTAX}Expecting operator but got '${got}'. ${VALID_OPERATORS} ${at(p)}`,
  expectingOperatorAtEnd: () => `${SYNTAX}Expecting operator before the end of the query. ${VALID_OPERATORS}`,
  expectingOperand: (got: string, p: SourcePosition) =>
    `${OPERAND_SYNTAX}Expecting either a value, list or function but got '${got}'. You must surround '${got}' in quotation marks to use it as a value. ${at(p)}`,
  expectingOperandAtEnd: () => `${OPERAND_SYNTAX}Expecting either a value, list or function before the end of the query.`,
  expectingLogical: (got: string, p: SourcePosition) => `${SYNTAX}Expecting either 'OR' or 'AND' but got '${got}'. ${at(p)}`,
  expectingField: (got: string, p: SourcePosition) =>
    `${SYNTAX}Expecting a field name but got '${got}'. You must surround '${got}' in quotation marks to use it as a field name. ${at(p)}`,
  expectingFieldNotBracket: (p: SourcePosition) => `${SYNTAX}Expecting a field name but got '['. Did you mean 'cf['? ${at(p)}`,
  expectingFieldAtEnd: () => `${SYNTAX}Expecting a field name at the end of the query.`,
  emptyFieldName: (p: SourcePosition) => `${SYNTAX}A field name cannot be empty. ${at(p)}`,
  emptyFunctionName: (p: SourcePosition) => `${SYNTAX}A function name cannot be empty. ${at(p)}`,
  expecting: (what: string, got: string, p: SourcePosition) => `${SYNTAX}Expecting ${what} but got '${got}'. ${at(p)}`,
  expectingAtEnd: (what: string) => `${SYNTAX}Expecting ${what} before the end of the query.`,
  expectingDirection: (got: string, p: SourcePosition) => `${SYNTAX}Expecting either 'ASC' or 'DESC' but got '${got}'. ${at(p)}`,
  expectingArgument: (got: string, p: SourcePosition) =>
    `${SYNTAX}Expecting a function argument but got '${got}'. You must surround '${got}' in quotation marks to use it as an argument. ${at(p)}`,
  expectingArgumentAtEnd: () => `${SYNTAX}Expecting a function argument at the end of the query.`,
  emptyArgument: (p: SourcePosition) => `${SYNTAX}Function argument must be specified. ${at(p)}`,
  expectingCustomFieldId: (got: string, p: SourcePosition) =>
    `${SYNTAX}Expecting a custom field id (a positive number) but got '${got}'. ${at(p)}`,
  expectingCustomFieldIdAtEnd: () => `${SYNTAX}Expecting a custom field id (a positive number) before the end of the query.`,
  /** Not a Jira sentence (Jira has no such limit that we know of); worded like its other syntax errors. */
  tooDeep: (p: SourcePosition) => `${SYNTAX}The query is nested too deeply. ${at(p)}`,
};

export const semantic = {
  unknownField: (field: string) => `Field '${field}' does not exist or you do not have permission to view it.`,
  unknownValue: (field: string, value: string) => `The value '${value}' does not exist for the field '${field}'.`,
  unknownId: (field: string, id: string) => `A value with ID '${id}' does not exist for the field '${field}'.`,
  unsupportedOperator: (field: string, operator: string) => `The operator '${operator}' is not supported by the '${field}' field.`,
  emptyNotSupported: (field: string) => `The field '${field}' does not support searching for EMPTY values.`,
  emptyStringNotSupported: (field: string) => `The field '${field}' does not support searching for an empty string.`,
  listNotSupported: (field: string, operator: string, display: string) =>
    `Operator '${operator}' does not support the list value '${display}' for field '${field}'.`,
  listRequired: (field: string, operator: string, display: string) =>
    `Operator '${operator}' does not support the non-list value '${display}' for field '${field}'.`,
  emptyOperandNotSupported: (field: string, operator: string) =>
    `Operator '${operator}' does not support the empty value representation 'EMPTY' for field '${field}'.`,
  isRequiresEmpty: (field: string, operator: string) =>
    `Operator '${operator}' does not support searching for non-empty values for field '${field}'.`,
  invalidDate: (field: string, value: string) => `Date value '${value}' for field '${field}' is invalid. ${DATE_FORMATS}`,
  invalidIssueKey: (field: string, value: string) => `The issue key '${value}' for field '${field}' is invalid.`,
  missingIssueKey: (field: string, key: string) => `An issue with key '${key}' does not exist for field '${field}'.`,
  unknownFunction: (display: string) => `Unable to find JQL function '${display}'.`,
  functionArity: (name: string, maxArgs: number, received: number) =>
    `Function '${name}' expected ${maxArgs === 0 ? "'0'" : `between '0' and '${maxArgs}'`} arguments but received '${received}'.`,
  functionNotForField: (name: string, field: string) => `A value provided by the function '${name}' is invalid for the field '${field}'.`,
  functionNotDate: (name: string, field: string) => `A date for the field '${field}' provided by the function '${name}' is not valid.`,
  badFunctionDuration: (name: string) =>
    `Duration for function '${name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.`,
  textBadStart: (field: string, text: string, start: string) =>
    `The text query '${text}' for field '${field}' is not allowed to start with '${start}'.`,
  textUnparsable: (field: string, text: string) => `Unable to parse the text '${text}' for field '${field}'.`,
  cannotSort: (field: string) => `Not able to sort using field '${field}'.`,
  sortNotSupported: (field: string) => `Field '${field}' does not support sorting.`,
};

/** What `/search/jql` answers for an empty or ORDER-BY-only query (for the emulator; the engine only sets `bounded`). */
export const UNBOUNDED_QUERY_MESSAGE = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";
