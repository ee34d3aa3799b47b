import type { OpenApiDocument } from "@agent-analytics/contract";

const count = { type: "integer", minimum: 0 };

/**
 * A module the mock has never seen: a shop's daily widget sales, with its own error format,
 * credentials, bounds and invariants. Added to a copy of the merged contract, it must be served
 * like any other, with no code of the mock knowing about it.
 */
export function withWidgetsModule(base: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(base);
  doc.components.securitySchemes = { ...doc.components.securitySchemes, widgetKey: { type: "apiKey", in: "header", name: "X-Widget-Key" } };
  doc.components.schemas = {
    ...doc.components.schemas,
    WidgetError: {
      type: "object",
      required: ["fault", "explanation"],
      properties: { fault: { type: "string" }, explanation: { type: "string" } },
      "x-error-template": { body: { fault: "{{code}}", explanation: "{{message}}" }, codes: { "400": "WIDGET_BAD_INPUT", "401": "WIDGET_NO_KEY" } },
    },
    WidgetDay: {
      type: "object",
      required: ["day", "orders", "refunds", "netOrders", "conversionRate"],
      properties: {
        day: { type: "string", format: "date" },
        orders: count,
        refunds: count,
        netOrders: count,
        conversionRate: { type: "number", minimum: 0, maximum: 1 },
      },
      "x-invariants": [
        { id: "refunds-within-orders", expr: "refunds <= orders" },
        { id: "net", expr: "netOrders + refunds == orders" },
        { id: "no-orders-no-conversion", expr: "orders > 0 || conversionRate == 0" },
      ],
    },
    WidgetSales: {
      type: "object",
      required: ["shopId", "channel", "days", "totalOrders"],
      properties: {
        shopId: { type: "string" },
        channel: { type: "string", enum: ["web", "store", "app"] },
        days: { type: "array", maxItems: 62, items: { $ref: "#/components/schemas/WidgetDay" } },
        totalOrders: count,
      },
      "x-invariants": [{ id: "total", expr: "totalOrders == sum(days[*].orders)" }],
    },
  };
  const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/WidgetError" } } } });
  doc.paths["/widgets/{shopId}/sales"] = {
    get: {
      operationId: "getWidgetSales",
      "x-conformance-class": "widgets",
      security: [{ widgetKey: [] }],
      parameters: [
        { name: "shopId", in: "path", required: true, schema: { type: "string", pattern: "^shop_[a-z0-9]+$" } },
        { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
        { name: "to", in: "query", required: true, schema: { type: "string", format: "date" } },
        { name: "channel", in: "query", schema: { type: "string", enum: ["web", "store", "app"] } },
      ],
      responses: {
        "200": {
          description: "Daily sales, one row per day from `from` to `to` inclusive.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/WidgetSales" } } },
          "x-invariants": [
            { id: "echoes-shop", expr: "body.shopId == path.shopId" },
            { id: "channel-filter", expr: "query.channel == null || body.channel == query.channel" },
            { id: "one-row-per-day", expr: "distinct(date(body.days[*].day)) == len(body.days)" },
            { id: "ascending", expr: 'sorted(date(body.days[*].day), "asc")' },
            { id: "in-range", expr: "all(body.days, d => date(d.day) >= date(query.from) && date(d.day) <= date(query.to))" },
            { id: "every-day", expr: "len(body.days) == (date(query.to) - date(query.from)) / 86400000 + 1" },
          ],
        },
        "400": errorResponse("Invalid request."),
        "401": errorResponse("No widget key."),
      },
    },
  };
  return doc;
}
