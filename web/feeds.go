package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/markup"
	"tdkt/vn"
)

// The portal's feeds: news as RSS 2.0 and Atom, recent reward decisions as RSS, and
// the sitemap for search engines. All are written with encoding/xml, which escapes
// every text, so that a title holding "<" or "&" stays well-formed XML; the body of
// an article goes into the Atom content as escaped HTML that package markup made.

const feedItems = 20

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Self        atomLink  `xml:"atom:link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	LastBuild   string    `xml:"lastBuildDate,omitempty"`
	Items       []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link,omitempty"`
	Description string   `xml:"description"`
	Category    []string `xml:"category,omitempty"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate,omitempty"`
}

type rssGUID struct {
	Value     string `xml:",chardata"`
	Permalink bool   `xml:"isPermaLink,attr"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string      `xml:"title"`
	ID        string      `xml:"id"`
	Link      atomLink    `xml:"link"`
	Published string      `xml:"published"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Summary   string      `xml:"summary,omitempty"`
	Content   atomContent `xml:"content"`
	Category  []atomCat   `xml:"category"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// writeXML sends a document with its declaration and content type.
func (h *handler) writeXML(w http.ResponseWriter, r *http.Request, contentType string, doc any) {
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", h.publicCache("300"))
	w.Write([]byte(xml.Header))
	w.Write(b)
}

func rfc822(stamp string) string {
	if t := core.ParseStamp(stamp); !t.IsZero() {
		return t.Format(time.RFC1123Z)
	}
	return ""
}

func rfc3339(stamp string) string {
	if t := core.ParseStamp(stamp); !t.IsZero() {
		return t.UTC().Format(time.RFC3339)
	}
	return ""
}

// describe is an article's description in a feed: its summary, or the start of its text.
func describe(x tdkt.Article) string {
	if x.Summary != "" {
		return x.Summary
	}
	s := []rune(markup.Plain(x.Body))
	if len(s) > 300 {
		return string(s[:300]) + "…"
	}
	return string(s)
}

func (h *handler) rss(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.PublicNews(r.Context(), "", "", 1, feedItems)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	doc := rssDoc{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: "Tin tức thi đua – khen thưởng", Link: h.absURL(r, "/tin-tuc"), Description: "Tin tức về công tác thi đua, khen thưởng",
		Language: "vi", Self: atomLink{Href: h.absURL(r, "/rss.xml"), Rel: "self", Type: "application/rss+xml"}}}
	for i, x := range p.Items {
		link := h.absURL(r, "/tin-tuc/"+x.Slug)
		doc.Channel.Items = append(doc.Channel.Items, rssItem{Title: x.Title, Link: link, Description: describe(x),
			Category: []string{x.CategoryName()}, GUID: rssGUID{Value: link, Permalink: true}, PubDate: rfc822(x.PublishAt)})
		if i == 0 {
			doc.Channel.LastBuild = rfc822(x.PublishAt)
		}
	}
	h.writeXML(w, r, "application/rss+xml; charset=utf-8", doc)
}

func (h *handler) atom(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.PublicNews(r.Context(), "", "", 1, feedItems)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	feed := atomFeed{Lang: "vi", Title: "Tin tức thi đua – khen thưởng", ID: h.absURL(r, "/tin-tuc"),
		Updated: h.svc.Now().UTC().Format(time.RFC3339), Author: atomPerson{Name: "Cơ quan thi đua, khen thưởng"},
		Links: []atomLink{{Href: h.absURL(r, "/atom.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: h.absURL(r, "/tin-tuc"), Rel: "alternate", Type: "text/html"}}}
	for i, x := range p.Items {
		link := h.absURL(r, "/tin-tuc/"+x.Slug)
		updated := rfc3339(x.PublishAt)
		if x.CorrectedAt > x.PublishAt {
			updated = rfc3339(x.CorrectedAt)
		}
		if i == 0 {
			feed.Updated = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{Title: x.Title, ID: link, Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			Published: rfc3339(x.PublishAt), Updated: updated, Author: atomPerson{Name: x.OrgName}, Summary: describe(x),
			Content: atomContent{Type: "html", Body: string(markup.Render(x.Body))}, Category: []atomCat{{Term: x.Category, Label: x.CategoryName()}}})
	}
	h.writeXML(w, r, "application/atom+xml; charset=utf-8", feed)
}

// decisionsRSS lists the latest conferred titles and forms from the public projection
// the front page uses: name, unit, award, decision number and date, never a citizen
// ID or a birth date.
func (h *handler) decisionsRSS(w http.ResponseWriter, r *http.Request) {
	recent, err := h.svc.RecentHonours(r.Context(), 50)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	doc := rssDoc{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: "Quyết định khen thưởng mới", Link: h.absURL(r, "/"), Description: "Các danh hiệu thi đua, hình thức khen thưởng được trao gần đây",
		Language: "vi", Self: atomLink{Href: h.absURL(r, "/quyet-dinh.rss"), Rel: "self", Type: "application/rss+xml"}}}
	for _, x := range recent {
		award := tdkt.Label(x.AwardCode)
		item := rssItem{Title: award + " – " + x.Name, Link: h.absURL(r, "/"),
			Description: award + " năm " + vn.Itoa(int64(x.Year)) + " cho " + x.Name + " (" + x.Unit + "), Quyết định số " + x.DecisionNo +
				" ngày " + vn.FormatDate(x.DecidedOn) + ".",
			Category: []string{tdkt.Label(string(x.Kind))},
			GUID:     rssGUID{Value: "quyet-dinh:" + x.DecisionNo + ":" + x.AwardCode + ":" + vn.Fold(x.Name)}}
		if t, err := time.ParseInLocation("2006-01-02", x.DecidedOn, vietnam); err == nil {
			item.PubDate = t.Format(time.RFC1123Z)
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	h.writeXML(w, r, "application/rss+xml; charset=utf-8", doc)
}

type sitemapDoc struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists the portal's public pages: the front page, the news and every public
// article, the honour roll, the typical examples and the nominations open for comment.
func (h *handler) sitemap(w http.ResponseWriter, r *http.Request) {
	doc := sitemapDoc{}
	add := func(path, lastmod string) {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: h.absURL(r, path), LastMod: lastmod})
	}
	add("/", "")
	add("/tin-tuc", "")
	add("/bang-vang", "")
	add("/dien-hinh", "")
	add("/y-kien", "")
	for page := 1; ; page++ {
		p, err := h.svc.PublicNews(r.Context(), "", "", page, 100)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		for _, x := range p.Items {
			mod := x.PublishAt
			if x.CorrectedAt > mod {
				mod = x.CorrectedAt
			}
			add("/tin-tuc/"+x.Slug, rfc3339(mod))
		}
		if len(p.Items) < 100 || page >= 500 {
			break
		}
	}
	examples, err := h.svc.PublishedExamples(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	for _, g := range examples {
		for _, x := range g.Examples {
			add("/dien-hinh/"+id64(x.ID), "")
		}
	}
	open, err := h.svc.OpenNominations(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	for _, n := range open {
		add("/y-kien/"+id64(n.DossierID), "")
	}
	h.writeXML(w, r, "application/xml; charset=utf-8", doc)
}
