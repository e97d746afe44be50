#ifndef HOTICH_CLIBXML2_SHIM_H
#define HOTICH_CLIBXML2_SHIM_H

// libxml2 for HoTichXML. Debian builds libxml2 with ICU, so these headers pull in the
// system ICU; a Swift module that also imports Foundation (or GRDB) clashes with
// Foundation's own ICU on a clean build. Only HoTichXML, which never imports
// Foundation, may import this module.
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/// The version of the libxml2 library linked at run time, as an integer (20914 for 2.9.14).
static inline int hotich_xml_runtime_version(void) {
    return xmlParserVersion != NULL ? atoi(xmlParserVersion) : 0;
}

/// Frees a string libxml2 allocated (xmlFree is a global function pointer, awkward from Swift 6).
static inline void hotich_xml_free(void *pointer) {
    xmlFree(pointer);
}


/// Callbacks of a validating SAX pass (see hotich_validate_file). Any may be NULL.
typedef struct {
    void *context;
    /// An element starts: its local name, its attributes as libxml2's 5-pointer tuples
    /// (local name, prefix, URI, value start, value end), and the line it is on.
    void (*start)(void *context, const xmlChar *localName, int attributeCount, const xmlChar **attributes, int line);
    void (*end)(void *context);
    void (*characters)(void *context, const xmlChar *text, int length);
    /// Every problem: not well-formed, or not valid against the schema.
    xmlStructuredErrorFunc error;
    /// Elements nested deeper than this (the root is at depth 0) and their text are not reported
    /// to start, end and characters; negative reports every element. Validation is not affected.
    int max_depth;
} hotich_sax_callbacks;

typedef struct {
    hotich_sax_callbacks callbacks;
    xmlParserCtxtPtr parser;
    /// Depth of the element being parsed (-1 outside the root).
    int depth;
} hotich_sax_state;

static inline int hotich_sax_reports(const hotich_sax_state *state) {
    return state->callbacks.max_depth < 0 || state->depth <= state->callbacks.max_depth;
}

static void hotich_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                             int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                             const xmlChar **attributes) {
    (void)prefix; (void)URI; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    hotich_sax_state *state = (hotich_sax_state *)ctx;
    state->depth += 1;
    if (state->callbacks.start != NULL && hotich_sax_reports(state)) {
        state->callbacks.start(state->callbacks.context, localname, nb_attributes, attributes,
                               xmlSAX2GetLineNumber(state->parser));
    }
}

static void hotich_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)localname; (void)prefix; (void)URI;
    hotich_sax_state *state = (hotich_sax_state *)ctx;
    if (state->callbacks.end != NULL && hotich_sax_reports(state)) state->callbacks.end(state->callbacks.context);
    state->depth -= 1;
}

#if LIBXML_VERSION >= 21200
typedef const xmlError *hotich_error_ptr;
#else
typedef xmlErrorPtr hotich_error_ptr;
#endif

/// Streaming validation reports some problems without a line; they get the parser's current line.
static void hotich_sax_error(void *ctx, hotich_error_ptr error) {
    hotich_sax_state *state = (hotich_sax_state *)ctx;
    if (state->callbacks.error == NULL || error == NULL) return;
    if (error->line == 0 && state->parser != NULL) {
        xmlError copy = *error;
        copy.line = xmlSAX2GetLineNumber(state->parser);
        state->callbacks.error(state->callbacks.context, &copy);
    } else {
        state->callbacks.error(state->callbacks.context, (void *)error);
    }
}

static void hotich_sax_characters(void *ctx, const xmlChar *text, int length) {
    hotich_sax_state *state = (hotich_sax_state *)ctx;
    if (state->callbacks.characters != NULL && hotich_sax_reports(state)) {
        state->callbacks.characters(state->callbacks.context, text, length);
    }
}

/// Runs `parser` to the end with `schema`'s streaming validator plugged into its SAX handler,
/// reporting every element to `callbacks`; frees the parser.
/// Returns 0 when the document was read to its end and is well-formed, 1 when it is not
/// well-formed, -1 when libxml2 is out of memory. Validity problems go to `callbacks.error` only;
/// the caller counts them.
static inline int hotich_validate_with_parser(xmlSchemaPtr schema, xmlParserCtxtPtr parser, hotich_sax_callbacks callbacks) {
    xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_HUGE);
    hotich_sax_state state = { callbacks, parser, -1 };
    xmlSchemaValidCtxtPtr validation = xmlSchemaNewValidCtxt(schema);
    if (validation == NULL) {
        xmlFreeParserCtxt(parser);
        return -1;
    }
    xmlSchemaSetValidStructuredErrors(validation, (xmlStructuredErrorFunc)hotich_sax_error, &state);
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = hotich_sax_start;
    handler.endElementNs = hotich_sax_end;
    handler.characters = hotich_sax_characters;
    xmlSAXHandlerPtr sax = &handler;
    void *user = &state;
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(validation, &sax, &user);
    if (plug == NULL) {
        xmlFreeParserCtxt(parser);
        xmlSchemaFreeValidCtxt(validation);
        return -1;
    }
    xmlSAXHandlerPtr original = parser->sax;
    parser->sax = sax;
    parser->userData = user;
    xmlParseDocument(parser);
    int wellFormed = parser->wellFormed;
    if (!wellFormed && parser->lastError.code != XML_ERR_OK) {
        // With the validator plugged in, the parser's own errors do not reach the SAX handler:
        // report the one that stopped it.
        hotich_sax_error(&state, &parser->lastError);
    }
    parser->sax = original;
    xmlSchemaSAXUnplug(plug);
    xmlFreeParserCtxt(parser);
    xmlSchemaFreeValidCtxt(validation);
    return wellFormed ? 0 : 1;
}

/// Validates the file at `path` (see hotich_validate_with_parser); -1 when it cannot be opened.
static inline int hotich_validate_file(xmlSchemaPtr schema, const char *path, hotich_sax_callbacks callbacks) {
    xmlParserCtxtPtr parser = xmlCreateFileParserCtxt(path);
    if (parser == NULL) return -1;
    return hotich_validate_with_parser(schema, parser, callbacks);
}

static int hotich_read_descriptor(void *context, char *buffer, int length) {
    int descriptor = (int)(intptr_t)context;
    for (;;) {
        ssize_t count = read(descriptor, buffer, (size_t)length);
        if (count >= 0) return (int)count;
        if (errno != EINTR) return -1;
    }
}

/// Validates what is read from `descriptor` until its end (a pipe fed by a writer, for example);
/// the caller closes the descriptor.
static inline int hotich_validate_descriptor(xmlSchemaPtr schema, int descriptor, hotich_sax_callbacks callbacks) {
    xmlParserCtxtPtr parser = xmlCreateIOParserCtxt(NULL, NULL, hotich_read_descriptor, NULL,
                                                    (void *)(intptr_t)descriptor, XML_CHAR_ENCODING_NONE);
    if (parser == NULL) return -1;
    return hotich_validate_with_parser(schema, parser, callbacks);
}

/// A SAX push parser without validation: fed chunk by chunk, it reports every element to its
/// callbacks as soon as the chunk that completes it is parsed (a pull reader over a push parser).
/// Network access and external entities are off; predefined entities and character references
/// are replaced, as any XML reader must.
static inline hotich_sax_state *hotich_push_create(hotich_sax_callbacks callbacks) {
    hotich_sax_state *state = (hotich_sax_state *)calloc(1, sizeof *state);
    if (state == NULL) return NULL;
    state->callbacks = callbacks;
    state->depth = -1;
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = hotich_sax_start;
    handler.endElementNs = hotich_sax_end;
    handler.characters = hotich_sax_characters;
    handler.serror = (xmlStructuredErrorFunc)hotich_sax_error;
    state->parser = xmlCreatePushParserCtxt(&handler, state, NULL, 0, NULL);
    if (state->parser == NULL) {
        free(state);
        return NULL;
    }
    xmlCtxtUseOptions(state->parser, XML_PARSE_NONET);
    return state;
}

/// Parses `length` more bytes (`terminate` on the last call). Returns 0 while the document is
/// well-formed so far.
static inline int hotich_push_feed(hotich_sax_state *state, const char *bytes, int length, int terminate) {
    int status = xmlParseChunk(state->parser, bytes, length, terminate);
    return (status == 0 && state->parser->wellFormed) ? 0 : (status == 0 ? 1 : status);
}

static inline void hotich_push_free(hotich_sax_state *state) {
    if (state == NULL) return;
    xmlFreeParserCtxt(state->parser);
    free(state);
}

/// A byte range of a file.
typedef struct {
    long long offset;
    long long length;
} hotich_range;

/// Told how many bytes were just read (for a progress display); may be NULL.
typedef void (*hotich_read_progress)(void *context, int count);

typedef struct {
    int descriptor;
    const hotich_range *ranges;
    int count;
    int index;
    long long done;
    hotich_read_progress progress;
    void *progress_context;
} hotich_range_reader;

static int hotich_read_ranges(void *context, char *buffer, int length) {
    hotich_range_reader *reader = (hotich_range_reader *)context;
    while (reader->index < reader->count) {
        const hotich_range *range = &reader->ranges[reader->index];
        long long left = range->length - reader->done;
        if (left <= 0) {
            reader->index += 1;
            reader->done = 0;
            continue;
        }
        size_t wanted = left < (long long)length ? (size_t)left : (size_t)length;
        ssize_t count = pread(reader->descriptor, buffer, wanted, (off_t)(range->offset + reader->done));
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return -1;  // a read error, or the file is shorter than its ranges
        reader->done += count;
        if (reader->progress != NULL) reader->progress(reader->progress_context, (int)count);
        return (int)count;
    }
    return 0;
}

/// Validates, as one document, the concatenation of byte ranges of the file open at `descriptor`
/// (see hotich_validate_with_parser): a file's head, a run of its entries and its tail, so that
/// parts of one large document can be validated side by side. The caller closes the descriptor.
static inline int hotich_validate_ranges(xmlSchemaPtr schema, int descriptor, const hotich_range *ranges, int count,
                                         hotich_sax_callbacks callbacks, hotich_read_progress progress, void *progress_context) {
    hotich_range_reader reader = { descriptor, ranges, count, 0, 0, progress, progress_context };
    xmlParserCtxtPtr parser = xmlCreateIOParserCtxt(NULL, NULL, hotich_read_ranges, NULL, &reader, XML_CHAR_ENCODING_NONE);
    if (parser == NULL) return -1;
    return hotich_validate_with_parser(schema, parser, callbacks);
}

#endif
