/* The network map: Leaflet with the world-atlas countries as an offline base layer.
   Data comes from the page (json_script) and the static TopoJSON file; nothing leaves the
   site unless MAP_TILE_URL is configured. */
(function () {
  "use strict";

  /* The compact block of network.selectors.map_data (the network map and the monitoring
     dashboard): each point is a short list in the order of `fields`; country, kind and
     stage are codes named once. */
  function readPoints(data) {
    var at = {};
    data.fields.forEach(function (field, index) { at[field] = index; });
    return data.points.map(function (row) {
      return {
        slug: row[at.slug],
        name: row[at.name],
        country: data.countries[row[at.country]] || "",
        kind: data.kinds[row[at.kind]] || "",
        stage: data.stages[row[at.stage]] || "",
        lat: row[at.lat],
        lon: row[at.lon],
      };
    });
  }

  function start() {
    var element = document.getElementById("network-map");
    var source = document.getElementById("network-map-points");
    if (!element || !source || typeof L === "undefined") return;
    var points = readPoints(JSON.parse(source.textContent));
    var map = L.map(element, {
      attributionControl: false,
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 10,
    }).setView([50, 10], 4);
    map.getContainer().setAttribute("tabindex", "0");

    var tiles = element.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 10 }).addTo(map);
    } else if (typeof topojson !== "undefined") {
      fetch(element.getAttribute("data-countries"), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (topology) {
          var countries = topojson.feature(topology, topology.objects.countries);
          L.geoJSON(countries, {
            interactive: false,
            style: { color: "#7a8a99", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
          }).addTo(map).bringToBack();
        })
        .catch(function () { /* the list below the map still names every city */ });
    }

    var cityUrl = element.getAttribute("data-city-url");
    var markers = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 7, color: "#1f3b63", weight: 2, fillColor: "#2f6db3", fillOpacity: 0.9,
      });
      var link = document.createElement("a");
      link.href = cityUrl.replace("__slug__", encodeURIComponent(point.slug));
      link.textContent = point.name;
      var box = document.createElement("div");
      box.appendChild(link);
      var detail = document.createElement("div");
      detail.textContent = point.country + " · " + point.kind + " · " + point.stage;
      box.appendChild(detail);
      marker.bindPopup(box);
      marker.bindTooltip(point.name);
      marker.addTo(map);
      markers.push(marker);
    });
    element.setAttribute("data-map-ready", String(markers.length));
    if (markers.length) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
