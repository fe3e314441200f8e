// Map, actor and place pages: a Leaflet map on an offline world basemap, event markers sized by
// the number of events per place and coloured by their most frequent type, a popup per place, and
// an SVG bar chart of events per month. Every piece of report text is set with textContent.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var DEFAULT_COLOR = "#667085";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // a URL path segment that keeps the ":" of ids such as "sha256:..." and "geonames:..." readable
  function segment(value) {
    return encodeURIComponent(String(value)).replace(/%3A/gi, ":");
  }

  function pagePath(prefix, key) {
    return prefix + String(key).split("/").map(segment).join("/");
  }

  function readJSON(node, name) {
    var raw = node && node.getAttribute(name);
    if (!raw) { return null; }
    try { return JSON.parse(raw); } catch (e) { return null; }
  }

  function setStatus(message) {
    var status = document.getElementById("map-status");
    if (status) { status.textContent = message; }
  }

  // -- basemap -----------------------------------------------------------------------------------

  // world-atlas rings that cross the antimeridian (Fiji, Chukotka) jump from +180 to -180; unwrap
  // their longitudes so Leaflet does not draw a stripe across the whole map.
  function unwrap(coords) {
    if (typeof coords[0][0] !== "number") { return coords.map(unwrap); }
    var offset = 0, prev = null;
    return coords.map(function (pt) {
      var lon = pt[0] + offset;
      if (prev !== null && lon - prev > 180) { offset -= 360; lon -= 360; }
      else if (prev !== null && lon - prev < -180) { offset += 360; lon += 360; }
      prev = lon;
      return [lon, pt[1]];
    });
  }

  function countries(topo) {
    var geo = topojson.feature(topo, topo.objects.countries);
    geo.features.forEach(function (f) {
      if (f.geometry) { f.geometry.coordinates = unwrap(f.geometry.coordinates); }
    });
    return geo;
  }

  function makeMap(host) {
    var map = L.map(host, {worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 0.5});
    map.createPane("basemap").style.zIndex = 150;
    var tileUrl = host.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {maxZoom: 18, attribution: host.getAttribute("data-tile-attribution") || ""}).addTo(map);
    } else {
      map.attributionControl.addAttribution("Basemap: Natural Earth via world-atlas");
      var basemapUrl = host.getAttribute("data-basemap");
      if (basemapUrl && typeof topojson !== "undefined") {
        fetch(basemapUrl).then(function (r) {
          if (!r.ok) { throw new Error("basemap HTTP " + r.status); }
          return r.json();
        }).then(function (topo) {
          L.geoJSON(countries(topo), {
            pane: "basemap", interactive: false,
            style: {color: "#ffffff", weight: 0.7, fillColor: "#dfe3e8", fillOpacity: 1}
          }).addTo(map);
          host.setAttribute("data-basemap-ready", "1");
        }).catch(function (err) { setStatus("The world basemap could not be loaded (" + err.message + ")."); });
      }
    }
    map.setView([-15, -62], 3);
    return map;
  }

  // -- markers -----------------------------------------------------------------------------------

  function groupByPlace(features) {
    var groups = {};
    var order = [];
    features.forEach(function (f) {
      var p = f.properties || {};
      var c = f.geometry && f.geometry.coordinates;
      if (!c) { return; }
      var key = (p.place_kb_id || "name:" + p.place) + "@" + c[0] + "," + c[1];
      var g = groups[key];
      if (!g) {
        g = groups[key] = {key: p.place_kb_id || "name:" + p.place, name: p.place, country: p.country,
                           admin1: p.admin1, precision: p.precision, lon: c[0], lat: c[1],
                           events: [], seen: {}, types: {}};
        order.push(g);
      }
      var id = p.document_id + "#" + p.event_id;
      if (g.seen[id]) { g.seen[id].roles.push(p.place_role); return; }
      var ev = {props: p, roles: [p.place_role]};
      g.seen[id] = ev;
      g.events.push(ev);
      g.types[p.event_type] = (g.types[p.event_type] || 0) + 1;
    });
    return order;
  }

  function mainType(group) {
    return Object.keys(group.types).sort(function (a, b) { return group.types[b] - group.types[a] || (a < b ? -1 : 1); })[0];
  }

  function popupFor(group, colors) {
    var box = el("div", "cg-popup");
    var head = el("h3");
    var link = el("a", null, group.name);
    link.href = pagePath("/places/", group.key);
    head.appendChild(link);
    box.appendChild(head);
    var where = [group.admin1, group.country, group.precision].filter(Boolean).join(" · ");
    box.appendChild(el("div", "cg-popup-meta", (where ? where + " · " : "") + group.events.length +
                       (group.events.length === 1 ? " event" : " events")));
    var list = el("ol", "cg-popup-events");
    group.events.slice().sort(function (a, b) {
      var x = a.props.time_start || a.props.published || "", y = b.props.time_start || b.props.published || "";
      return x < y ? 1 : x > y ? -1 : 0;
    }).forEach(function (ev) {
      var p = ev.props;
      var item = el("li", "cg-popup-event");
      var top = el("div", "cg-popup-top");
      var tag = el("span", "cg-popup-type", p.event_type);
      tag.style.borderLeftColor = colors[p.event_type] || DEFAULT_COLOR;
      top.appendChild(tag);
      var when = p.time_start ? (p.time_end && p.time_end !== p.time_start ? p.time_start + " … " + p.time_end : p.time_start)
                              : (p.published ? "published " + p.published : "undated");
      top.appendChild(el("span", "cg-popup-when", when));
      top.appendChild(el("span", "cg-popup-role", ev.roles.join(", ") + " · " + p.modality));
      item.appendChild(top);
      item.appendChild(el("q", "cg-popup-evidence", p.evidence));
      var doc = el("a", "cg-popup-doc", p.title || "report");
      doc.href = "/documents/" + segment(p.document_id) + "#" + segment(p.event_id);
      item.appendChild(doc);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function drawMarkers(map, features, colors) {
    var groups = groupByPlace(features);
    groups.sort(function (a, b) { return b.events.length - a.events.length; });  // small ones drawn on top
    var bounds = [], precise = [];
    groups.forEach(function (g) {
      var type = mainType(g);
      var marker = L.circleMarker([g.lat, g.lon], {
        radius: Math.min(6 + 3.2 * Math.sqrt(g.events.length - 1), 30),
        color: "#1d232b", weight: 1, fillColor: colors[type] || DEFAULT_COLOR, fillOpacity: 0.78,
        className: "cg-marker cg-type-" + type
      });
      marker.bindTooltip(g.name + " · " + g.events.length + (g.events.length === 1 ? " event" : " events"));
      marker.bindPopup(function () { return popupFor(g, colors); }, {maxWidth: 440, minWidth: 280, maxHeight: 340});
      marker.addTo(map);
      if (marker.getElement()) {
        marker.getElement().setAttribute("data-place", g.key);
        marker.getElement().setAttribute("data-events", String(g.events.length));
      }
      bounds.push([g.lat, g.lon]);
      if (g.precision !== "country" && g.precision !== "region") { precise.push([g.lat, g.lon]); }
    });
    // frame the towns and provinces; countries and regions (whose points are centroids) only when alone
    var frame = precise.length ? precise : bounds;
    if (frame.length) { map.fitBounds(frame, {padding: [40, 40], maxZoom: 6}); }
    return groups;
  }

  // -- timeline ----------------------------------------------------------------------------------

  function monthsBetween(first, last) {
    var out = [];
    var y = +first.slice(0, 4), m = +first.slice(5, 7);
    var ly = +last.slice(0, 4), lm = +last.slice(5, 7);
    while (y < ly || (y === ly && m <= lm)) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function lastDay(month) {
    var y = +month.slice(0, 4), m = +month.slice(5, 7);
    var d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return month + "-" + (d < 10 ? "0" : "") + d;
  }

  function drawTimeline(host, rows) {
    while (host.firstChild) { host.removeChild(host.firstChild); }
    rows = (rows || []).filter(function (r) { return /^\d{4}-\d{2}$/.test(r.month); });
    if (!rows.length) { host.appendChild(el("p", "empty", "No dated events.")); return; }
    var counts = {};
    rows.forEach(function (r) { counts[r.month] = (counts[r.month] || 0) + r.events; });
    var months = monthsBetween(rows[0].month, rows[rows.length - 1].month);
    var max = Math.max.apply(null, months.map(function (m) { return counts[m] || 0; }));
    var width = Math.max(host.clientWidth || 800, 320), height = 150;
    var left = 34, right = 8, top = 10, bottom = 24;
    var step = (width - left - right) / months.length;
    var chart = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
                            "class": "cg-timeline-svg"});
    var caption = svg("title");
    caption.textContent = "Events per month";
    chart.appendChild(caption);
    var plotH = height - top - bottom;
    chart.appendChild(svg("line", {x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, "class": "axis"}));
    var yLabel = svg("text", {x: left - 6, y: top + 8, "text-anchor": "end", "class": "tick"});
    yLabel.textContent = String(max);
    chart.appendChild(yLabel);
    var years = months.length / 12;
    var every = years > 40 ? 10 : years > 16 ? 5 : years > 8 ? 2 : 1;
    var form = host.getAttribute("data-filter-form") && document.getElementById(host.getAttribute("data-filter-form"));
    months.forEach(function (m, i) {
      var n = counts[m] || 0;
      var x = left + i * step;
      if (m.slice(5) === "01" && (+m.slice(0, 4)) % every === 0) {
        chart.appendChild(svg("line", {x1: x, x2: x, y1: top + plotH, y2: top + plotH + 4, "class": "axis"}));
        var label = svg("text", {x: x, y: height - 6, "class": "tick"});
        label.textContent = m.slice(0, 4);
        chart.appendChild(label);
      }
      if (!n) { return; }
      var h = Math.max(2, plotH * n / max);
      var bar = svg("rect", {x: x + step * 0.1, y: top + plotH - h, width: Math.max(1, step * 0.8), height: h,
                             "class": "bar", "data-month": m, "data-events": n});
      var tip = svg("title");
      tip.textContent = m + ": " + n + (n === 1 ? " event" : " events");
      bar.appendChild(tip);
      if (form) {
        bar.style.cursor = "pointer";
        bar.addEventListener("click", function () {
          form.elements.date_from.value = m + "-01";
          form.elements.date_to.value = lastDay(m);
          form.submit();
        });
      }
      chart.appendChild(bar);
    });
    host.appendChild(chart);
  }

  // -- pages -------------------------------------------------------------------------------------

  function loadEvents(host, map) {
    var colors = readJSON(host, "data-colors") || {};
    var timeline = document.getElementById("timeline");
    fetch(host.getAttribute("data-api"), {headers: {Accept: "application/geo+json"}}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      var places = map ? drawMarkers(map, data.features, colors).length : 0;
      var unmapped = data.events - new Set(data.features.map(function (f) {
        return f.properties.document_id + "#" + f.properties.event_id;
      })).size;
      var message = data.total + (data.total === 1 ? " event" : " events");
      if (data.events < data.total) { message += " (the " + data.events + " most recent shown)"; }
      message += "; " + data.features.length + " event places at " + places + " map points";
      if (unmapped > 0) { message += "; " + unmapped + " without a mapped place"; }
      setStatus(message + ".");
      host.setAttribute("data-loaded", String(data.features.length));
      if (timeline && !timeline.hasAttribute("data-rows")) { drawTimeline(timeline, data.timeline); }
    }).catch(function (err) { setStatus("Events could not be loaded (" + err.message + ")."); });
  }

  function showPoint(host, map) {
    var point = readJSON(host, "data-point");
    if (!point) { return; }
    var zoom = {point: 6, admin2: 6, admin1: 5, country: 4, region: 3}[point.precision] || 5;
    map.setView([point.lat, point.lon], zoom);
    L.circleMarker([point.lat, point.lon], {radius: 8, color: "#1d232b", weight: 1, fillColor: "#039855",
                                            fillOpacity: 0.85, className: "cg-marker"})
      .bindTooltip(point.name).addTo(map);
  }

  var host = document.getElementById("map") || document.getElementById("map-data");
  var leaflet = typeof L !== "undefined";
  var map = host && host.id === "map" && leaflet ? makeMap(host) : null;
  if (host && host.hasAttribute("data-api")) { loadEvents(host, map); }
  if (host && map && host.hasAttribute("data-point")) { showPoint(host, map); }
  var timeline = document.getElementById("timeline");
  if (timeline && timeline.hasAttribute("data-rows")) { drawTimeline(timeline, readJSON(timeline, "data-rows")); }
})();
